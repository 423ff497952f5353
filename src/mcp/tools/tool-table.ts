/** The README tool table, generated from the registry (`loadAllTools()`) so the docs cannot drift. */
import type { ToolDefinition } from './define-tool.js';

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return (match?.[1] ?? text).replace(/\|/g, '\\|');
}

function keyParameters(tool: ToolDefinition): string {
  const names = tool.keyParameters ?? Object.keys(tool.input.shape);
  return names.length > 0 ? names.map((name) => `\`${name}\``).join(', ') : '—';
}

/** Markdown table: tool, toolset, description (first sentence), key parameters. */
export function toolTableMarkdown(tools: readonly ToolDefinition[]): string {
  const lines = ['| Tool | Toolset | Description | Key parameters |', '| --- | --- | --- | --- |'];
  for (const tool of tools) {
    lines.push(`| \`${tool.name}\` | ${tool.toolset} | ${firstSentence(tool.description)} | ${keyParameters(tool)} |`);
  }
  return lines.join('\n');
}
