/** Helpers shared by the resource templates: variable access, JSON contents, error text. */
import type { ReadResourceResult, Variables } from '@modelcontextprotocol/server';
import { WearablesError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import type { ToolServices } from '../tools/tool-services.js';
import type { Provider } from '../../providers/provider.js';
import { errorPayload, errorText, toSafeError } from '../errors.js';
import { fitToBudget } from '../response.js';

/** Largest JSON a resource read returns. */
export const RESOURCE_BUDGET_BYTES = 64_000;

/** Longest URI variable (a day, a cursor, an instant, a name or an id are all far shorter). */
export const MAX_VARIABLE_LENGTH = 64;

/** `value` quoted for an error message, cut to a few dozen characters. */
export function quoted(value: string): string {
  return JSON.stringify(value.length <= 40 ? value : `${value.slice(0, 39)}…`);
}

/**
 * One template variable as a decoded string, at most MAX_VARIABLE_LENGTH characters (else
 * VALIDATION_ERROR, quoting only its start).
 */
export function variable(variables: Variables, name: string): string {
  const value = variables[name];
  const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: use it as given.
  }
  if (text.length > MAX_VARIABLE_LENGTH) {
    throw new WearablesError('VALIDATION_ERROR', `The {${name}} part of the URI is longer than ${MAX_VARIABLE_LENGTH} characters (${quoted(text)})`, {
      hint: 'Use a URI from resources/list or resources/templates/list.',
    });
  }
  return text;
}

/** A configured provider id, or VALIDATION_ERROR naming the valid ones. */
export function providerVariable(context: Pick<ToolServices, 'providers'>, value: string): ProviderId {
  const known = [...context.providers.keys()];
  if (known.includes(value)) return value;
  throw new WearablesError('VALIDATION_ERROR', `Unknown provider ${quoted(value)}`, {
    hint: `Use one of: ${known.join(', ') || '(none configured)'}.`,
  });
}

/** The registered provider (after `providerVariable` validated the id). */
export function providerOf(context: Pick<ToolServices, 'providers'>, provider: ProviderId): Provider {
  const registered = context.providers.get(provider);
  if (!registered) throw new WearablesError('VALIDATION_ERROR', `Unknown provider "${provider}"`, { hint: 'Use a configured provider.' });
  return registered;
}

/** A JSON resource body, cut to the resource budget when needed. */
export function jsonContents(uri: URL, payload: Record<string, unknown>): ReadResourceResult {
  const fitted = fitToBudget(payload, {
    budgetBytes: RESOURCE_BUDGET_BYTES,
    hint: 'Read a narrower window (fewer days) to see the rest.',
  });
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(fitted) }] };
}

/** Runs a resource read; failures surface as an error whose message reads `<CODE>: message. Next: hint`. */
export async function guardedRead(read: () => Promise<ReadResourceResult>): Promise<ReadResourceResult> {
  try {
    return await read();
  } catch (error) {
    const payload = errorPayload(toSafeError(error));
    // Small whatever was quoted: the message reaches the client as a JSON-RPC error.
    const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
    throw new Error(errorText({ ...payload, message: clip(payload.message, 400), hint: clip(payload.hint, 200) }), { cause: error });
  }
}

/**
 * Completions for `{provider}` and `{resource}` template variables: connected-or-not provider
 * ids, and the resource names of the provider already typed. Clients use them to discover URIs.
 */
export function providerResourceCompletions(context: Pick<ToolServices, 'providers'>) {
  return {
    provider: (value: string) => [...context.providers.keys()].filter((id) => id.startsWith(value)),
    resource: (value: string, completion?: { arguments?: Record<string, string> }) => {
      const typed = completion?.arguments?.provider;
      const providers = [...context.providers.values()].filter((provider) => !typed || provider.id === typed);
      const names = providers.flatMap((provider) => provider.resources.map((spec) => spec.name));
      return [...new Set(names)].filter((name) => name.startsWith(value)).slice(0, 100);
    },
  };
}
