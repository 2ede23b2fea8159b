import { api } from '../../api/client';

export interface Meeting {
  id: string;
  title: string;
  kind: 'meeting' | 'webinar';
  /** 11 digits, grouped for reading: "123 4567 8901". */
  meetingNumber: string;
  passcode: string;
  joinUrl: string;
  createdAt: string;
  endedAt: string | null;
  live: boolean;
  participants: number;
}

export interface AttendanceEntry {
  displayName: string;
  role: 'host' | 'participant';
  joinedAt: string;
  leftAt: string | null;
}

const path = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const fetchMeetings = () => api.get<{ meetings: Meeting[] }>('/api/meetings');

export const createMeeting = (title: string) => api.post<Meeting>('/api/meetings', { title });

export const endMeeting = (id: string) => api.post(`${path(id)}/end`);

export const fetchAttendance = (id: string) => api.get<{ attendance: AttendanceEntry[] }>(`${path(id)}/attendance`);

export const hostJoin = (id: string) => api.post<{ joinToken: string; title: string }>(`${path(id)}/host-join`);
