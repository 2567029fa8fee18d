import { onScopeDispose } from 'vue'

import { createPoller, type BackoffOptions, type Poller } from '@/lib/polling'

/** A poller that stops when the component (or effect scope) using it goes: leaving the page ends it. */
export function usePolling(tick: () => Promise<boolean>, options: BackoffOptions = {}): Poller {
  const poller = createPoller(tick, options)
  onScopeDispose(() => poller.stop())
  return poller
}
