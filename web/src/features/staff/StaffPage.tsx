import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchStaff } from './api';
import { InviteForm } from './InviteForm';
import { StaffTable } from './StaffTable';

export function StaffPage() {
  const { t } = useTranslation();
  const staff = useLoad(fetchStaff);
  return (
    <>
      <PageTitle>{t('staff.title')}</PageTitle>
      <InviteForm onInvited={staff.reload} />
      <section className="card" aria-labelledby="staff-list">
        <h2 id="staff-list">{t('staff.listTitle')}</h2>
        <ErrorAlert error={staff.error} />
        {staff.data && <StaffTable staff={staff.data.staff} onChanged={staff.reload} />}
      </section>
    </>
  );
}
