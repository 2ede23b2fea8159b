import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { setStaffEnabled, type StaffMember } from './api';

function StatusAction({ member, onChanged }: { member: StaffMember; onChanged: () => void }) {
  const { t } = useTranslation();
  const enable = member.status === 'disabled';
  const toggle = useAction(async () => {
    await setStaffEnabled(member.id, enable);
    onChanged();
  });
  return (
    <>
      <button type="button" className={enable ? 'secondary' : 'danger'} onClick={() => void toggle.run()} disabled={toggle.pending}>
        {enable ? t('staff.enable') : t('staff.disable')}
        <span className="visually-hidden">: {member.displayName}</span>
      </button>
      <ErrorAlert error={toggle.error} />
    </>
  );
}

export function StaffTable({ staff, onChanged }: { staff: readonly StaffMember[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('staff.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.displayName')}</th>
            <th scope="col">{t('fields.email')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('staff.status')}</th>
            <th scope="col">{t('staff.twoFactor')}</th>
            <th scope="col">{t('staff.lastLogin')}</th>
            <th scope="col">{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr key={member.id}>
              <th scope="row">{member.displayName}</th>
              <td>{member.email}</td>
              <td>{t(`roles.${member.role}`)}</td>
              <td>
                <span className={`badge badge-${member.status}`}>{t(`staff.statuses.${member.status}`)}</span>
              </td>
              <td>{member.totpEnabled ? t('totp.on') : t('totp.off')}</td>
              <td>{member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t('staff.never')}</td>
              <td>
                {member.id === session.id ? (
                  <span className="muted">{t('staff.you')}</span>
                ) : (
                  <StatusAction member={member} onChanged={onChanged} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
