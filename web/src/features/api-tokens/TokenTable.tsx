import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { revokeToken, type ApiToken } from './api';

/** Revoking cannot be undone, so it asks once more in place. */
function RevokeAction({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const revoke = useAction(async () => {
    await revokeToken(token.id);
    onRevoked();
  });
  if (!confirming) {
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        {t('apiTokens.revoke')}
        <span className="visually-hidden">: {token.name}</span>
      </button>
    );
  }
  return (
    <div className="inline-confirm">
      <button type="button" className="danger" onClick={() => void revoke.run()} disabled={revoke.pending}>
        {t('apiTokens.confirmRevoke', { name: token.name })}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        {t('actions.cancel')}
      </button>
      <ErrorAlert error={revoke.error} />
    </div>
  );
}

export function TokenTable({ tokens, onChanged }: { tokens: readonly ApiToken[]; onChanged: () => void }) {
  const { t } = useTranslation();
  if (tokens.length === 0) return <p className="muted">{t('apiTokens.none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('apiTokens.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apiTokens.name')}</th>
            <th scope="col">{t('apiTokens.prefix')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('apiTokens.created')}</th>
            <th scope="col">{t('apiTokens.lastUsed')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{t(`roles.${token.role}`)}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('staff.never')}</td>
              <td>
                {token.revokedAt ? (
                  <span className="badge badge-disabled">{t('apiTokens.revokedAt', { date: formatDateTime(token.revokedAt) })}</span>
                ) : (
                  <RevokeAction token={token} onRevoked={onChanged} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
