/** The slash commands `POST /ai/command` runs (mirrors the server's `/help`). */
export interface SlashCommandInfo {
  name: string
  usage: string
  description: string
}

export const SLASH_COMMANDS: readonly SlashCommandInfo[] = [
  { name: 'add', usage: '/add TEXT', description: 'add tasks written the quick-add way' },
  { name: 'done', usage: '/done TASK', description: 'mark a task done' },
  { name: 'snooze', usage: '/snooze TASK WHEN', description: 'hide a task until WHEN' },
  { name: 'move', usage: '/move TASK WHEN', description: "move the task's next block to WHEN and pin it" },
  { name: 'pin', usage: '/pin TASK', description: "pin the task's blocks where they are" },
  { name: 'today', usage: '/today', description: 'what is planned today' },
  { name: 'week', usage: '/week', description: 'what is planned this week' },
  { name: 'plan', usage: '/plan', description: 're-plan now' },
  { name: 'p1', usage: '/p1 TASK', description: "set a task's priority to 1 (most urgent)" },
  { name: 'p2', usage: '/p2 TASK', description: "set a task's priority to 2" },
  { name: 'p3', usage: '/p3 TASK', description: "set a task's priority to 3" },
  { name: 'p4', usage: '/p4 TASK', description: "set a task's priority to 4 (least urgent)" },
  { name: 'tag', usage: '/tag TASK @tag', description: 'add tags to a task' },
  { name: 'help', usage: '/help', description: 'list the commands' },
]

/** Is the letters of `query` in `word`, in order (a loose "fuzzy" match)? */
function isSubsequence(query: string, word: string): boolean {
  let i = 0
  for (const ch of word) if (ch === query[i]) i += 1
  return i === query.length
}

/**
 * Commands to offer while the line is `/wor` (no space yet): prefix matches first, then loose
 * matches (`/snz` offers `/snooze`). Nothing once the command word is complete and followed by text.
 */
export function suggestCommands(line: string): SlashCommandInfo[] {
  const match = /^\/(\S*)$/.exec(line.trimStart())
  if (!match) return []
  const query = match[1]!.toLowerCase()
  const prefix = SLASH_COMMANDS.filter((c) => c.name.startsWith(query))
  const loose = SLASH_COMMANDS.filter((c) => !c.name.startsWith(query) && isSubsequence(query, c.name))
  return [...prefix, ...loose]
}

export const isSlashCommand = (line: string): boolean => line.trimStart().startsWith('/')
