import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from '../room/extensions';
import { useStore } from '../../ui/store';
import { chatOf } from './chatStore';

/** The chat tab's label, with the number of messages that came in while the chat was not shown. */
export function ChatTabLabel({ client }: RoomFeatureProps) {
  const { t } = useTranslation();
  const store = chatOf(client);
  const { unread } = useStore(store);
  if (!unread) return <>{t('chat.tab')}</>;
  return (
    <>
      <span aria-hidden="true">
        {t('chat.tab')} <span className="chat-unread">{unread}</span>
      </span>
      <span className="visually-hidden">{t('chat.tabUnread', { count: unread })}</span>
    </>
  );
}
