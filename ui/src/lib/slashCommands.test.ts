import { describe, expect, it } from 'vitest'

import { suggestCommands } from './slashCommands'

describe('suggestCommands', () => {
  it('offers prefix matches first, then loose ones', () => {
    expect(suggestCommands('/').length).toBeGreaterThan(10)
    expect(suggestCommands('/sn').map((c) => c.name)).toEqual(['snooze'])
    expect(
      suggestCommands('/p')
        .map((c) => c.name)
        .slice(0, 5),
    ).toEqual(['pin', 'plan', 'p1', 'p2', 'p3'])
    expect(suggestCommands('/snz').map((c) => c.name)).toEqual(['snooze'])
    expect(suggestCommands('/HE').map((c) => c.name)).toEqual(['help'])
  })

  it('offers nothing for plain text or once the command has an argument', () => {
    expect(suggestCommands('buy milk')).toEqual([])
    expect(suggestCommands('/done report')).toEqual([])
    expect(suggestCommands('/zzz')).toEqual([])
  })
})
