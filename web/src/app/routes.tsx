import type { ComponentType } from 'react';
import { AccountPage } from '../features/account/AccountPage';
import { ApiTokensPage } from '../features/api-tokens/ApiTokensPage';
import { CallbackPage } from '../features/callback/CallbackPage';
import { CallbacksPage } from '../features/callback/CallbacksPage';
import { CallsPage } from '../features/calls/CallsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { DpoPage } from '../features/dpo/DpoPage';
import { RecordPage } from '../features/dpo/RecordPage';
import { ProcessorsPage } from '../features/dpo/ProcessorsPage';
import { EventsPage } from '../features/events/EventsPage';
import { InvitePage } from '../features/invite/InvitePage';
import { JoinLinkPage } from '../features/join/JoinLinkPage';
import { JoinPage } from '../features/join/JoinPage';
import { LoginPage } from '../features/login/LoginPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { AccessPage } from '../features/privacy/AccessPage';
import { NoticeChangesPage } from '../features/privacy/NoticeChangesPage';
import { NoticePage } from '../features/privacy/NoticePage';
import { PortalPage } from '../features/privacy/PortalPage';
import { ConfirmPage } from '../features/registration/ConfirmPage';
import { ManagePage } from '../features/registration/ManagePage';
import { RegistrationPage } from '../features/registration/RegistrationPage';
import { RoomPage } from '../features/room/RoomPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SetupPage } from '../features/setup/SetupPage';
import { StaffPage } from '../features/staff/StaffPage';
import type { NavPath } from './nav';

/** Pages anyone may open, signed in or not. */
export const publicRoutes: readonly { pattern: string; page: ComponentType<{ params: Record<string, string> }> }[] = [
  { pattern: '/setup', page: SetupPage },
  { pattern: '/login', page: LoginPage },
  { pattern: '/invite/:token', page: InvitePage },
  { pattern: '/join', page: JoinPage },
  { pattern: '/j/:token', page: JoinLinkPage },
  { pattern: '/e/:slug', page: RegistrationPage },
  { pattern: '/registration/confirm', page: ConfirmPage },
  { pattern: '/registration', page: ManagePage },
  { pattern: '/privacy', page: PortalPage },
  { pattern: '/privacy/access', page: AccessPage },
  { pattern: '/privacy/notice', page: NoticePage },
  { pattern: '/privacy/notice/changes', page: NoticeChangesPage },
  { pattern: '/privacy/callback', page: CallbackPage },
];

/** Public pages that draw their own full-window frame instead of the centred card: the meeting room. */
export const stageRoutes: readonly { pattern: string; page: ComponentType }[] = [{ pattern: '/room', page: RoomPage }];

/** The page of each menu entry; shown inside the shell, for the roles the entry names. */
export const staffPages: Record<NavPath, ComponentType> = {
  '/': DashboardPage,
  '/events': EventsPage,
  '/meetings': MeetingsPage,
  '/account': AccountPage,
  '/staff': StaffPage,
  '/api-tokens': ApiTokensPage,
  '/outbox': OutboxPage,
  '/dpo': DpoPage,
  '/record': RecordPage,
  '/processors': ProcessorsPage,
  '/callbacks': CallbacksPage,
  '/calls': CallsPage,
  '/settings': SettingsPage,
};
