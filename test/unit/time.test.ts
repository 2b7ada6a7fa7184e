import assert from 'node:assert/strict';
import { checkDate, findLeadingTime, zoneOffset } from '../../src/core/model/time';

interface Case {
  input: string;
  text?: string;
  minutes?: number;
  date?: [number | undefined, number, number];
  utcOffset?: number;
  placeholder?: boolean;
  unreadable?: boolean;
  approximate?: boolean;
  implausible?: RegExp;
  compact?: boolean;
}

const CASES: Case[] = [
  { input: '07:30', minutes: 450 },
  { input: '0730', minutes: 450, compact: true },
  { input: '14.43 Incident declared', text: '14.43', minutes: 883 },
  { input: '14:43:10', minutes: 883 },
  { input: '14h30', minutes: 870 },
  { input: '1:06 PM', minutes: 786 },
  { input: '11:39AM', minutes: 699 },
  { input: '12:15 a.m.', minutes: 15 },
  { input: '5 PM', minutes: 1020 },
  { input: '5pm - deploy', text: '5pm', minutes: 1020 },
  { input: 'noon', minutes: 720 },
  { input: 'Midnight', minutes: 0 },
  { input: '2024-01-04T11:34Z', minutes: 694, date: [2024, 1, 4], utcOffset: 0 },
  { input: '2024-01-04 11:34', minutes: 694, date: [2024, 1, 4] },
  { input: '2024-01-04/11:34', minutes: 694, date: [2024, 1, 4] },
  { input: '2024-03-13', date: [2024, 3, 13] },
  {
    input: 'June 7th, 2024, 13:00 (UTC): Issue',
    text: 'June 7th, 2024, 13:00 (UTC)',
    minutes: 780,
    date: [2024, 6, 7],
    utcOffset: 0,
  },
  { input: '**Jun 4, 2025**: released', text: 'Jun 4, 2025', date: [2025, 6, 4] },
  { input: 'May 12', date: [undefined, 5, 12] },
  { input: '15 May', date: [undefined, 5, 15] },
  { input: 'Saturday 2024-11-02', date: [2024, 11, 2] },
  { input: 'July 23 4:10 AM', minutes: 250, date: [undefined, 7, 23] },
  { input: '13/03/2024 10:00', minutes: 600, date: [2024, 3, 13] },
  { input: '16:15 GMT+1: alert', text: '16:15 GMT+1', minutes: 975, utcOffset: 60 },
  { input: '17:00 GMT +1', minutes: 1020, utcOffset: 60 },
  { input: '10:00 +05:30', minutes: 600, utcOffset: 330 },
  { input: '10:00 UTC-7', minutes: 600, utcOffset: -420 },
  { input: '15:05 PDT', minutes: 905, utcOffset: -420 },
  { input: '09:00 CEST', minutes: 540, utcOffset: 120 },
  { input: '09:00 EEST', minutes: 540, utcOffset: 180 },
  { input: '09:00 IST', minutes: 540, utcOffset: 330 },
  { input: '09:00 BST', minutes: 540, utcOffset: 60 },
  { input: '09:00 EST', minutes: 540, utcOffset: -300 },
  { input: '09:00 PT', minutes: 540 },
  { input: '17:15 - 23:00', minutes: 1035 },
  { input: '11:45 - 13:00 UTC', minutes: 705, utcOffset: 0 },
  { input: '~16:46', minutes: 1006, approximate: true },
  { input: 'approx. 16:46', minutes: 1006, approximate: true },
  { input: '16:46 (approx.)', minutes: 1006, approximate: true },
  { input: 'HH:mm', placeholder: true },
  { input: 'HH:MM', placeholder: true },
  { input: '14:??', placeholder: true },
  { input: '2024-03-13 22:1?', placeholder: true, date: [2024, 3, 13] },
  { input: '--:--', placeholder: true },
  { input: 'XX:XX', placeholder: true },
  { input: 'YYYY-MM-DD HH:MM', placeholder: true },
  { input: '25:10', unreadable: true },
  { input: '09:75', unreadable: true },
  { input: '13:00 AM', unreadable: true },
  { input: '20202-01-16 12:00', minutes: 720, implausible: /5 digits/ },
  { input: '2024-13-01', implausible: /no month 13/ },
  { input: '2024-01-32', implausible: /no day 32/ },
  { input: '2023-02-29', implausible: /February 2023 has no day 29/ },
  { input: 'April 31', implausible: /April has no day 31/ },
  { input: '1019-05-01', implausible: /outside 1970/ },
];

const NOT_TIMES = [
  '3.32.2 release',
  '1.21B queries lost',
  '12.50% of requests',
  'May be related',
  '12:30pmx',
  '2024-01-01abc',
  'Deploy at 10:00',
  '',
];

describe('time tokens', () => {
  for (const testCase of CASES) {
    it(`reads ${JSON.stringify(testCase.input)}`, () => {
      const token = findLeadingTime(testCase.input, { compact: testCase.compact === true });
      assert.ok(token, 'no token found');
      assert.equal(token.text, testCase.text ?? testCase.input);
      assert.equal(token.minutes, testCase.minutes);
      assert.equal(token.placeholder, testCase.placeholder ?? false);
      assert.equal(token.unreadable, testCase.unreadable ?? false);
      assert.equal(token.approximate, testCase.approximate ?? false);
      assert.equal(token.utcOffset, testCase.utcOffset);
      if (testCase.date) {
        const [year, month, day] = testCase.date;
        assert.deepEqual(
          [token.date?.year, token.date?.month, token.date?.day],
          [year, month, day],
        );
      }
      if (testCase.implausible) assert.match(token.implausible ?? '', testCase.implausible);
      else assert.equal(token.implausible, undefined);
    });
  }

  for (const input of NOT_TIMES) {
    it(`finds no time in ${JSON.stringify(input)}`, () => {
      assert.equal(findLeadingTime(input), undefined);
    });
  }

  it('reads 0730 only in a time column', () => {
    assert.equal(findLeadingTime('0730'), undefined);
  });

  it('accepts Feb 29 without a year', () => {
    assert.equal(checkDate({ month: 2, day: 29 }), undefined);
  });

  it('converts zone names to offsets', () => {
    assert.equal(zoneOffset('UTC+1'), 60);
    assert.equal(zoneOffset('EEST'), 180);
    assert.equal(zoneOffset('GMT-05:30'), -330);
    assert.equal(zoneOffset('Pacific'), undefined);
  });
});
