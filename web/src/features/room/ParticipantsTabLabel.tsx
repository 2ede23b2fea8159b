import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { HandIcon } from './icons';
import { useModeration } from './moderation';

/** The Participants tab, with the number of raised hands when there are any. */
export function ParticipantsTabLabel({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const { hands } = useModeration(client);
  return (
    <>
      {t('room.participantsTab')}
      {hands.length > 0 && (
        <span className="tab-hands" title={t('layout.handsRaised', { count: hands.length })}>
          <HandIcon />
          <span aria-hidden="true">{hands.length}</span>
          <span className="visually-hidden">{t('layout.handsRaised', { count: hands.length })}</span>
        </span>
      )}
    </>
  );
}
