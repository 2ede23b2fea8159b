import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchTokens } from './api';
import { CreateTokenForm } from './CreateTokenForm';
import { TokenTable } from './TokenTable';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useLoad(fetchTokens);
  return (
    <>
      <PageTitle>{t('apiTokens.title')}</PageTitle>
      <CreateTokenForm onCreated={tokens.reload} />
      <section className="card" aria-labelledby="token-list">
        <h2 id="token-list">{t('apiTokens.listTitle')}</h2>
        <ErrorAlert error={tokens.error} />
        {tokens.data && <TokenTable tokens={tokens.data.tokens} onChanged={tokens.reload} />}
      </section>
    </>
  );
}
