import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import { ChatPanel } from '../chat/ChatPanel';
import { ChatTabLabel } from '../chat/ChatTabLabel';
import { MinutesBanner } from '../chat/MinutesBanner';
import { PollsPanel } from '../qa/PollsPanel';
import { QaPanel, qaOffered } from '../qa/QaPanel';
import { RecordingOverlay } from '../recording/RecordingOverlay';
import { HandNotice } from './HandNotice';
import { HostPanel } from './HostPanel';
import { ModerationNotice } from './ModerationNotice';
import { ParticipantList } from './ParticipantList';
import { ParticipantsTabLabel } from './ParticipantsTabLabel';
import { WaitingList } from './WaitingList';
import { WebinarHostBar } from './WebinarHostBar';
import type { RoomClient } from './roomClient';
import type { RoomSnapshot } from './types';

/**
 * Where room features (chat, Q&A, recording consent, …) plug into the room page. A feature adds
 * one entry here and keeps everything else in its own files: its pushes arrive through
 * `client.listen('<feature>.', …)`, its intents go out through `client.request(…)`.
 */

export interface RoomFeatureProps {
  client: RoomClient;
  room: RoomSnapshot;
}

export interface SidePanel {
  id: string;
  /** i18n key of the tab's label. */
  labelKey: ParseKeys;
  /** The tab's label when it shows more than the text (e.g. an unread count); `labelKey` otherwise. */
  Label?: ComponentType<RoomFeatureProps>;
  Component: ComponentType<RoomFeatureProps>;
  /** Whether the panel is offered (e.g. Q&A only in webinars); offered always when absent. */
  offered?(room: RoomSnapshot): boolean;
}

/** Tabs of the room's side column, in this order. */
export const sidePanels: readonly SidePanel[] = [
  { id: 'participants', labelKey: 'room.participantsTab', Label: ParticipantsTabLabel, Component: ParticipantList },
  { id: 'chat', labelKey: 'chat.tab', Label: ChatTabLabel, Component: ChatPanel },
  { id: 'qa', labelKey: 'qa.tab', Component: QaPanel, offered: qaOffered },
  { id: 'polls', labelKey: 'qa.pollsTab', Component: PollsPanel },
  {
    id: 'host',
    labelKey: 'moderation.tab',
    Component: HostPanel,
    offered: (room) => room.self?.role === 'host' || room.self?.role === 'cohost',
  },
];

/** Rendered above the stage: banners (minutes logging, recording indicator) and dialogs (consent). */
export const roomOverlays: readonly ComponentType<RoomFeatureProps>[] = [
  WebinarHostBar,
  WaitingList,
  ModerationNotice,
  HandNotice,
  MinutesBanner,
  RecordingOverlay,
];
