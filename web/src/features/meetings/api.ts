import { attendanceList, joinGrant, meeting, meetingList, type Meeting } from '@shared/api/meetings.js';
import type { z } from 'zod';
import { http } from '../../api/client';

/** Meetings as the API answers (src/shared/api/meetings.ts); the route reads the same schemas. */
export type { Meeting };
export type MeetingSchedule = NonNullable<Meeting['schedule']>;
export type Recurrence = NonNullable<MeetingSchedule['recurrence']>;
export type AttendanceEntry = z.infer<typeof attendanceList>['attendance'][number];

export interface ScheduleInput {
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  recurrence: Recurrence | 'none';
}

const path = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export const fetchMeetings = () => http.read('/api/meetings', meetingList);

export const createMeeting = (input: { title: string; schedule: ScheduleInput | null }) => http.submit('/api/meetings', input, meeting);

export const updateMeeting = (id: string, input: { title: string; schedule: ScheduleInput | null }) =>
  http.submit(path(id), input, meeting);

export const rotateAccess = (id: string) => http.submit(`${path(id)}/access/rotate`, {}, meeting);

export const calendarUrl = (id: string) => `${path(id)}/calendar.ics`;

export const endMeeting = (id: string) => http.send(`${path(id)}/end`);

export const fetchAttendance = (id: string) => http.read(`${path(id)}/attendance`, attendanceList);

export const hostJoin = (id: string) => http.submit(`${path(id)}/host-join`, {}, joinGrant);
