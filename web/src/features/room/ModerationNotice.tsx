import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { moderationOf, useModeration, type RoleChange } from './moderation';

const roleText = (change: RoleChange) =>
  change.role === 'host'
    ? change.reason === 'automatic'
      ? 'roomControl.nowHostAutomatic'
      : 'roomControl.nowHost'
    : change.role === 'cohost'
      ? 'roomControl.nowCohost'
      : 'roomControl.noLongerCohost';

/** "The host muted you", "You are the host now": shown to the person concerned until they dismiss it. */
export function ModerationNotice({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const { mutedByHost, unmuteBlocked, roleChange } = useModeration(client);
  const moderation = moderationOf(client);
  return (
    <>
      {roleChange && (
        <div className="room-banner moderation-notice" role="status">
          <span>{t(roleText(roleChange))}</span>
          <button type="button" className="secondary" onClick={() => moderation.dismissRoleNotice()}>
            {t('moderation.dismiss')}
          </button>
        </div>
      )}
      {mutedByHost && (
        <div className="room-banner moderation-notice" role="status">
          <span>
            {!mutedByHost.all ? t('moderation.mutedByHost') : unmuteBlocked ? t('moderation.mutedAllBlocked') : t('moderation.mutedAll')}
          </span>
          <button type="button" className="secondary" onClick={() => moderation.dismissMutedNotice()}>
            {t('moderation.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
