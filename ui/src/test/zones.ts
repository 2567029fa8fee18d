/**
 * A time zone far from the test runner's, so a test fails if the code uses the runner's zone where
 * it should use the account's: Auckland (UTC+13 in November, DST from late September to April),
 * or Los Angeles when the runner is in the western Pacific itself.
 */
export function zoneUnlikeTheRunners(): string {
  const runner = Intl.DateTimeFormat().resolvedOptions().timeZone
  const offset = -new Date('2026-11-26T00:00:00Z').getTimezoneOffset() / 60
  return runner === 'Pacific/Auckland' || offset >= 8 ? 'America/Los_Angeles' : 'Pacific/Auckland'
}
