import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { moderationOf, useModeration } from './moderation';

/** "The host muted you": shown to the muted participant until they dismiss it. */
export function ModerationNotice({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const { mutedByHost, unmuteBlocked } = useModeration(client);
  if (!mutedByHost) return null;
  const text = !mutedByHost.all ? t('moderation.mutedByHost') : unmuteBlocked ? t('moderation.mutedAllBlocked') : t('moderation.mutedAll');
  return (
    <div className="room-banner moderation-notice" role="status">
      <span>{text}</span>
      <button type="button" className="secondary" onClick={() => moderationOf(client).dismissMutedNotice()}>
        {t('moderation.dismiss')}
      </button>
    </div>
  );
}
