/**
 * Work per chat, in arrival order: each chat has a promise chain, so a chat's messages are
 * handled one after the other while different chats proceed side by side. A webhook
 * acknowledges at once and pushes the work here.
 */
export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown, chat: string) => void) {}

  push(chat: string, task: () => Promise<void>): void {
    const previous = this.tails.get(chat) ?? Promise.resolve();
    const next = previous
      .then(task)
      .catch((error) => this.onError(error, chat))
      .finally(() => {
        if (this.tails.get(chat) === next) this.tails.delete(chat);
      });
    this.tails.set(chat, next);
  }

  /** Chats with work queued or running. */
  get busy(): number {
    return this.tails.size;
  }

  /** Resolves once every queued task (including tasks queued meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
