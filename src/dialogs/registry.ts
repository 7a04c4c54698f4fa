import type { CommandSpec, FlowModule, FlowRegistry } from "./flow.ts";

export function createFlowRegistry(modules: readonly FlowModule[]): FlowRegistry {
  const byName = new Map<string, FlowModule>();
  const byCommand = new Map<string, FlowModule>();
  const byWord = new Map<string, CommandSpec>();
  for (const module of modules) {
    if (byName.has(module.name)) throw new Error(`two flows named "${module.name}"`);
    byName.set(module.name, module);
    const command = module.command;
    if (!command) continue;
    byCommand.set(command.name, module);
    for (const word of command.words) {
      if (byWord.has(word)) throw new Error(`the command word "${word}" is taken twice`);
      byWord.set(word, command);
    }
  }
  const commandNamed = (word: string) =>
    byWord.get(word.replace(/^\//, "").replace(/@\w+$/, "").toLowerCase()) ?? null;
  return {
    modules,
    menu: modules.flatMap((m) => (m.command?.menu ? [m.command] : [])),
    flow: (name) => byName.get(name),
    commandFlow: (name) => byCommand.get(name),
    commandNamed,
    actionFlow: (action) =>
      modules.find((m) => m.action && m.actions?.includes(action)) ??
      modules.find((m) => m.action && !m.actions),
    usesRoles: (name) => name !== undefined && byName.get(name)?.usesRoles === true,
    textInput(text, bareCommands) {
      const trimmed = text.trim();
      const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
      if (match) {
        const command = commandNamed(match[1]!);
        return command
          ? { kind: "command", name: command.name, args: (match[2] ?? "").trim() }
          : { kind: "unknown_command", text: trimmed };
      }
      if (bareCommands) {
        // Only a message that is the command word itself (or "start <code>", "lienket <code>"),
        // so an answer that merely begins with such a word stays an answer.
        const [word, ...rest] = trimmed.split(/\s+/);
        const command = word ? commandNamed(word) : null;
        if (command && (rest.length === 0 || (command.takesArgument && rest.length === 1)))
          return { kind: "command", name: command.name, args: rest.join(" ") };
      }
      return { kind: "text", text };
    },
  };
}
