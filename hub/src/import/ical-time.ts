import { isLocalDate, isLocalDateTime, isTimeZone } from '@constellation/shared';
import { utcToZoned, zonedToUtc } from '@constellation/shared/server';
import { CandidateProblem } from './candidates.ts';

/*
 * iCal date and date-time values, read from ical.js's jCal form ("2027-05-04T18:00:00",
 * "...Z", "2027-05-10") and checked strictly: ical.js rolls "2027-13-45T25:00" over into a
 * real date, and an importer must refuse it instead.
 */

/** A date or date-time as written: its wall-clock reading and the zone it is read in. */
export interface IcalMoment {
  /** "YYYY-MM-DDTHH:MM:SS"; a date reads as its midnight. */
  wall: string;
  /** An IANA zone, "UTC" for a Z value, undefined for a floating value or a date. */
  zone: string | undefined;
  allDay: boolean;
}

/** Exchange (Outlook) names for the zones French agendas use; anything else must be IANA. */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Romance Standard Time': 'Europe/Paris',
  'W. Europe Standard Time': 'Europe/Berlin',
  'GMT Standard Time': 'Europe/London',
  'SA Western Standard Time': 'America/Martinique',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Mauritius Standard Time': 'Indian/Reunion',
  'E. Africa Standard Time': 'Indian/Mayotte',
  UTC: 'UTC',
};

/**
 * The IANA zone a TZID names: itself, the tail of a prefixed id
 * ("/citadel.org/20190101_1/Europe/Paris"), or a known Exchange name. The file's own
 * VTIMEZONE is not used: the runtime's zone database is newer than any file.
 */
export function ianaZone(tzid: string): string | undefined {
  if (isTimeZone(tzid)) return tzid;
  const segments = tzid.split('/');
  for (const length of [2, 3]) {
    const tail = segments.slice(-length).join('/');
    if (segments.length > length && isTimeZone(tail)) return tail;
  }
  return WINDOWS_ZONES[tzid];
}

export function momentOf(type: string, value: unknown, tzid: unknown, label: string): IcalMoment {
  if (typeof value !== 'string') throw new CandidateProblem(`${label} has no value`);
  if (type === 'date') {
    if (!isLocalDate(value)) throw new CandidateProblem(`${label} ${JSON.stringify(value.slice(0, 40))} is not a real date`);
    return { wall: `${value}T00:00:00`, zone: undefined, allDay: true };
  }
  if (type !== 'date-time') throw new CandidateProblem(`${label} must be a date or a date-time, not a ${type.slice(0, 20)}`);
  const utc = value.endsWith('Z');
  const wall = utc ? value.slice(0, -1) : value;
  if (!isLocalDateTime(wall) || wall.length !== 19) throw new CandidateProblem(`${label} ${JSON.stringify(value.slice(0, 40))} is not a real date-time`);
  if (utc) return { wall, zone: 'UTC', allDay: false };
  if (typeof tzid !== 'string') return { wall, zone: undefined, allDay: false };
  const zone = ianaZone(tzid);
  if (zone === undefined) throw new CandidateProblem(`${label} is in the time zone ${JSON.stringify(tzid.slice(0, 80))}, which is not a known IANA time zone`);
  return { wall, zone, allDay: false };
}

/** The instant of a moment; floating values and dates are read in `floatingZone`. */
export function instantOf(moment: IcalMoment, floatingZone: string): number {
  return zonedToUtc(moment.wall, moment.zone ?? floatingZone);
}

/** The moment's wall-clock reading in `zone`: as written when it is already in that zone. */
export function wallIn(moment: IcalMoment, zone: string, floatingZone: string): string {
  if ((moment.zone ?? floatingZone) === zone) return moment.wall;
  return utcToZoned(instantOf(moment, floatingZone), zone);
}

/** Wall-clock arithmetic ("YYYY-MM-DDTHH:MM:SS" + ms), for all-day ends and nominal durations. */
export function addToWall(wall: string, ms: number): string {
  return new Date(Date.parse(`${wall}Z`) + ms).toISOString().slice(0, 19);
}

export function wallDifference(from: string, to: string): number {
  return Date.parse(`${to}Z`) - Date.parse(`${from}Z`);
}

/** "2027-05-04T18:00:00" → "2027-05-04T18:00", the form contributors write; seconds stay when set. */
export function shortWall(wall: string): string {
  return wall.endsWith(':00') ? wall.slice(0, 16) : wall;
}
