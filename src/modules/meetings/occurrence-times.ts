/*
 * When a schedule's meeting on a day starts and ends, as UTC instants. Schedules keep a local time
 * of day (HH:MM); the communities are all in China, which keeps one offset all year (UTC+8, no
 * daylight saving), so local time converts with a fixed offset. Pure.
 */

export const LOCAL_OFFSET = '+08:00';

/** The instant a meeting on `day` (YYYY-MM-DD) at local `time` (HH:MM) starts. */
export function startOf(day: string, time: string): Date {
  return new Date(`${day}T${time}:00${LOCAL_OFFSET}`);
}

export function endOf(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

/** Check-in by the QR code is open from an hour before the meeting starts until it ends. */
const CHECK_IN_OPENS_MS = 60 * 60_000;

export function checkInOpen(startsAt: Date, endsAt: Date, now: Date): boolean {
  return now.getTime() >= startsAt.getTime() - CHECK_IN_OPENS_MS && now.getTime() <= endsAt.getTime();
}
