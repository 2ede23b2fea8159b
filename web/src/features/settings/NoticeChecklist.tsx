import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useLoad } from '../../ui/useLoad';
import { fetchChecklist } from './api';
import './settings.css';

/**
 * What the privacy notice still lacks (controller, authority, hosting, mail and telephone
 * providers), for the dashboard, the settings page and the notice preview. Shows nothing while
 * loading or when the list cannot be read (it is advice, not the page's content); says so when
 * everything is declared only where `showDone` asks for it.
 */
export function NoticeChecklist({ showLinks = true, showDone = false }: { showLinks?: boolean; showDone?: boolean }) {
  const { t } = useTranslation();
  const checklist = useLoad(fetchChecklist);
  if (!checklist.data) return null;
  const open = checklist.data.items.filter((item) => !item.done);
  if (open.length === 0) return showDone ? <p className="alert alert-success">{t('settings.checklistDone')}</p> : null;
  const toProcessors = open.some((item) => item.where === 'processors');
  return (
    <section className="alert alert-warning notice-checklist" aria-labelledby="notice-checklist-title" data-testid="notice-checklist">
      <h2 id="notice-checklist-title">{t('settings.checklistTitle')}</h2>
      <p>{t('settings.checklistLead')}</p>
      <ul>
        {open.map((item) => (
          <li key={item.key} data-key={item.key}>
            {t(`settings.checklist.${item.key}`)}
            {!item.required && ` (${t('settings.recommended')})`}
          </li>
        ))}
      </ul>
      {showLinks && (
        <p className="checklist-links">
          <Link to="/settings">{t('settings.goSettings')}</Link>
          {toProcessors && (
            <>
              {' · '}
              <Link to="/processors">{t('settings.goProcessors')}</Link>
            </>
          )}
        </p>
      )}
    </section>
  );
}
