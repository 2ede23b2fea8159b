import { api } from '../../api/client';

export type Recurrence = 'weekly' | 'monthly';

export interface MeetingSchedule {
  /** First start (UTC). */
  startsAt: string;
  /** First start as wall-clock time in timeZone, "2026-12-07T10:00". */
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  recurrence: Recurrence | null;
  /** The running or next occurrence; null when a one-off meeting is over. */
  nextStartsAt: string | null;
}

export interface Meeting {
  id: string;
  title: string;
  kind: 'meeting' | 'webinar';
  eventId: string | null;
  /** 11 digits, grouped for reading: "123 4567 8901". */
  meetingNumber: string;
  passcode: string;
  joinUrl: string;
  createdAt: string;
  endedAt: string | null;
  live: boolean;
  participants: number;
  schedule: MeetingSchedule | null;
}

export interface ScheduleInput {
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  recurrence: Recurrence | 'none';
}

export interface AttendanceEntry {
  displayName: string;
  role: 'host' | 'participant';
  joinedAt: string;
  leftAt: string | null;
}

const path = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const fetchMeetings = () => api.get<{ meetings: Meeting[] }>('/api/meetings');

export const createMeeting = (input: { title: string; schedule: ScheduleInput | null }) => api.post<Meeting>('/api/meetings', input);

export const updateMeeting = (id: string, input: { title: string; schedule: ScheduleInput | null }) => api.post<Meeting>(path(id), input);

export const rotateAccess = (id: string) => api.post<Meeting>(`${path(id)}/access/rotate`);

export const calendarUrl = (id: string) => `${path(id)}/calendar.ics`;

export const endMeeting = (id: string) => api.post(`${path(id)}/end`);

export const fetchAttendance = (id: string) => api.get<{ attendance: AttendanceEntry[] }>(`${path(id)}/attendance`);

export const hostJoin = (id: string) => api.post<{ joinToken: string; title: string; watchOnly: boolean }>(`${path(id)}/host-join`);
