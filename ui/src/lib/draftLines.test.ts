import { describe, expect, it } from 'vitest'

import { boxPoints, draftOfLines, linesOfDrafts, matchDraftsToLines } from './draftLines'

const lines = (...texts: string[]) => texts.map((text) => ({ text }))
const drafts = (...titles: string[]) => titles.map((title) => ({ title }))

describe('drafts to lines', () => {
  it('finds the line each draft was read from, past headings and dates taken out of the title', () => {
    const read = lines('Shopping', '- buy milk tomorrow', '[x] call the bank p1', 'notes: none', '* Pay rent by Friday')
    expect(matchDraftsToLines(drafts('buy milk', 'call the bank', 'Pay rent'), read)).toEqual([1, 2, 4])
  })

  it('keeps reading order: a repeated item matches the next line, not the first again', () => {
    const read = lines('- water plants', '- water plants', '- feed cat')
    expect(matchDraftsToLines(drafts('water plants', 'water plants', 'feed cat'), read)).toEqual([0, 1, 2])
  })

  it('leaves a draft without a line when no line holds half its words', () => {
    const read = lines('- email Alice', '- book dentist')
    expect(matchDraftsToLines(drafts('email Alice', 'renew passport today', 'book dentist'), read)).toEqual([
      0,
      null,
      1,
    ])
  })

  it("takes the server's link when there is one, whatever the words say", () => {
    // the interpreter rewrote the first title (date and duration gone) and two items share their words
    const read = lines('- water plants tmrw 2h', 'Balcony', '- water plants', '  on the balcony', '- pay')
    const image = {
      drafts: drafts('Watering', 'water plants', 'water plants on the balcony', 'pay'),
      lines: read,
      line_indexes: [[0], [2], [2, 3], [4, 9, -1]],
    }
    expect(linesOfDrafts(image)).toEqual([[0], [2], [2, 3], [4]]) // indexes past the lines are dropped
    expect([...draftOfLines(linesOfDrafts(image))]).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]) // a line of two drafts belongs to the first
  })

  it('matches words for an image read before the server kept the link', () => {
    const read = lines('Shopping', '- buy milk tomorrow', '- Pay rent by Friday')
    const image = { drafts: drafts('buy milk', 'Pay rent', 'renew passport'), lines: read, line_indexes: null }
    expect(linesOfDrafts(image)).toEqual([[1], [2], []])
    expect(linesOfDrafts({ ...image, line_indexes: [[2], [1], []] })).toEqual([[2], [1], []])
  })

  it('writes SVG points from a box', () => {
    expect(
      boxPoints([
        [10, 20],
        [110, 20],
        [110, 50],
        [10, 50],
      ]),
    ).toBe('10,20 110,20 110,50 10,50')
  })
})
