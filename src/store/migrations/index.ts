import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as rooms from './0002_rooms.js';
import * as events from './0003_events.js';
import * as chatQa from './0004_chat_qa.js';
import * as recording from './0005_recording.js';
import * as telephony from './0006_telephony.js';
import * as privacyCenter from './0007_privacy_center.js';
import * as moderation from './0008_moderation.js';
import * as eventRetention from './0009_event_retention.js';
import * as roomOwner from './0010_room_owner.js';
import * as meetingSchedule from './0011_meeting_schedule.js';
import * as verifiedPhone from './0012_verified_phone.js';
import * as organisationSettings from './0013_organisation_settings.js';
import * as eventFields from './0014_event_fields.js';
import * as webinarFollowUp from './0015_webinar_follow_up.js';
import * as reminders from './0016_reminders.js';
import * as cluster from './0017_cluster.js';
import * as noticeTexts from './0018_notice_texts.js';
import * as mediaNodes from './0019_media_nodes.js';
import * as eventSpeakers from './0020_event_speakers.js';
import * as panelistInvitations from './0021_panelist_invitations.js';

/** All migrations, in order. Imported statically so the built server needs no file lookup. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_rooms': rooms,
  '0003_events': events,
  '0004_chat_qa': chatQa,
  '0005_recording': recording,
  '0006_telephony': telephony,
  '0007_privacy_center': privacyCenter,
  '0008_moderation': moderation,
  '0009_event_retention': eventRetention,
  '0010_room_owner': roomOwner,
  '0011_meeting_schedule': meetingSchedule,
  '0012_verified_phone': verifiedPhone,
  '0013_organisation_settings': organisationSettings,
  '0014_event_fields': eventFields,
  '0015_webinar_follow_up': webinarFollowUp,
  '0016_reminders': reminders,
  '0017_cluster': cluster,
  '0018_notice_texts': noticeTexts,
  '0019_media_nodes': mediaNodes,
  '0020_event_speakers': eventSpeakers,
  '0021_panelist_invitations': panelistInvitations,
};
