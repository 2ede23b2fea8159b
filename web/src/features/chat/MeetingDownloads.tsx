import { useTranslation } from 'react-i18next';

const path = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

/** For the host on the meetings page: the minutes (every room) and the webinar's questions, as downloads. */
export function MeetingDownloads({ meeting }: { meeting: { id: string; title: string; kind: 'meeting' | 'webinar' } }) {
  const { t } = useTranslation();
  const about = <span className="visually-hidden">: {meeting.title}</span>;
  return (
    <p className="meeting-downloads">
      <a href={`${path(meeting.id)}/minutes`} download>
        {t('chat.downloadMinutes')}
        {about}
      </a>
      {meeting.kind === 'webinar' && (
        <>
          {' · '}
          <a href={`${path(meeting.id)}/questions?format=csv`} download>
            {t('qa.downloadCsv')}
            {about}
          </a>
          {' · '}
          <a href={`${path(meeting.id)}/questions?format=json`} download>
            {t('qa.downloadJson')}
            {about}
          </a>
        </>
      )}
    </p>
  );
}
