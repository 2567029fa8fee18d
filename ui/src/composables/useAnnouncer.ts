import { nextTick, readonly, ref } from 'vue'

const message = ref('')

/**
 * One polite live region for the whole app (rendered by App.vue), so actions without a visible
 * confirmation (task completed, deleted, added) are still announced to screen-reader users.
 */
export function useAnnouncer() {
  async function announce(text: string): Promise<void> {
    message.value = ''
    await nextTick() // clearing first makes a repeated message be read again
    message.value = text
  }

  return { message: readonly(message), announce }
}
