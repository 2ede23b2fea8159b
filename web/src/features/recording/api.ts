import { api } from '../../api/client';

export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'empty' | 'failed';

export interface Recording {
  id: string;
  roomId: string;
  title: string;
  status: RecordingStatus;
  startedAt: string;
  stoppedAt: string | null;
  fileSize: number | null;
  durationSeconds: number | null;
  deleteAfter: string;
}

export interface MeetingRecordings {
  allowed: boolean;
  eventId: string | null;
  recordings: Recording[];
}

const meetingPath = (roomId: string) => `/api/meetings/${encodeURIComponent(roomId)}`;

export const fetchMeetingRecordings = (roomId: string) => api.get<MeetingRecordings>(`${meetingPath(roomId)}/recordings`);

export const setRecordingAllowed = (roomId: string, allowed: boolean) =>
  api.post(`${meetingPath(roomId)}/recording-permission`, { allowed });

/** The room of a scheduled event: the meetings list names each room's event. */
export async function fetchRoomOfEvent(eventId: string): Promise<string | undefined> {
  const { meetings } = await api.get<{ meetings: { id: string; eventId: string | null }[] }>('/api/meetings');
  return meetings.find((meeting) => meeting.eventId === eventId)?.id;
}

export const deleteRecording = (id: string) => api.delete(`/api/recordings/${encodeURIComponent(id)}`);

/** A plain link: the browser downloads it with the session cookie; the server checks the host. */
export const recordingFileUrl = (id: string) => `/api/recordings/${encodeURIComponent(id)}/file`;
