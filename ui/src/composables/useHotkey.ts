import { onBeforeUnmount, onMounted } from 'vue'

/** Does a key pressed here belong to the element (typing) rather than to the page's shortcuts? */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * A single-key page shortcut (like `q` for quick add): ignored while typing in a field, with a
 * modifier held, or when something else already handled the key.
 */
export function useHotkey(key: string, handler: (event: KeyboardEvent) => void): void {
  const onKeydown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.repeat) return
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (event.key.toLowerCase() !== key || isTypingTarget(event.target)) return
    event.preventDefault()
    handler(event)
  }
  onMounted(() => document.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown))
}
