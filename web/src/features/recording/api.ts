import { meetingList } from '@shared/api/meetings.js';
import { meetingRecordings, type MeetingRecordings, type Recording } from '@shared/api/recordings.js';
import { http } from '../../api/client';

/** Recordings as the API answers (src/shared/api/recordings.ts). */
export type { MeetingRecordings, Recording };
export type RecordingStatus = Recording['status'];

const meetingPath = (roomId: string) => `/api/meetings/${encodeURIComponent(roomId)}`;

export const fetchMeetingRecordings = (roomId: string) => http.read(`${meetingPath(roomId)}/recordings`, meetingRecordings);

export const setRecordingAllowed = (roomId: string, allowed: boolean) =>
  http.send(`${meetingPath(roomId)}/recording-permission`, { allowed });

/** The room of a scheduled event: the meetings list names each room's event. */
export async function fetchRoomOfEvent(eventId: string): Promise<string | undefined> {
  const { meetings } = await http.read('/api/meetings', meetingList);
  return meetings.find((meeting) => meeting.eventId === eventId)?.id;
}

export const deleteRecording = (id: string) => http.remove(`/api/recordings/${encodeURIComponent(id)}`);

/** A plain link: the browser downloads it with the session cookie; the server checks the host. */
export const recordingFileUrl = (id: string) => `/api/recordings/${encodeURIComponent(id)}/file`;
