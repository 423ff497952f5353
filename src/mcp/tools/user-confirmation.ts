/**
 * Asking the user (not the model) to confirm something during a tool call, through MCP
 * elicitation. A handler reads `context.confirmation` and, when there is no answer yet, throws
 * `askUser(...)`; the boundary turns that into an `input_required` result: on a 2026-07-28
 * connection the client asks the user and retries the call with the answer, on a 2025-era
 * connection the SDK sends `elicitation/create` and re-runs the handler with it. Either way the
 * handler runs again from the start and finds the answer under its key.
 */
import { CLIENT_CAPABILITIES_META_KEY, inputRequired, inputResponse, type ClientCapabilities, type ServerContext } from '@modelcontextprotocol/server';

/** The user's answer to one yes/no question, or `missing` when not asked yet in this call. */
export type ConfirmationAnswer = 'yes' | 'no' | 'missing';

/** What a handler can ask the user during a call. */
export interface UserConfirmation {
  /** Whether this client declared form elicitation (it can show the user a question). */
  readonly available: boolean;
  /** The answer to the question asked under `key` earlier in this call. */
  answer(key: string): ConfirmationAnswer;
}

/** The field of the one-checkbox form the user is shown. */
export const CONFIRM_FIELD = 'confirm';

/** Thrown by a handler to ask the user `message`; the boundary turns it into `input_required`. */
export class UserInputNeeded extends Error {
  constructor(
    readonly key: string,
    readonly question: string,
  ) {
    super(question);
    this.name = 'UserInputNeeded';
  }
}

/** Asks the user a yes/no question under `key` (throw the result). */
export function askUser(key: string, question: string): UserInputNeeded {
  return new UserInputNeeded(key, question);
}

/** The `input_required` result that asks the question of `needed`. */
export function inputRequiredFor(needed: UserInputNeeded) {
  return inputRequired({
    inputRequests: {
      [needed.key]: inputRequired.elicit({
        message: needed.question,
        requestedSchema: {
          type: 'object',
          properties: { [CONFIRM_FIELD]: { type: 'boolean', title: 'Yes, replace it', default: false } },
          required: [CONFIRM_FIELD],
        },
      }),
    },
  });
}

/** Form elicitation as the SDK reads it: `elicitation.form`, or a bare `elicitation: {}`. */
function declaresForm(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  return elicitation !== undefined && (elicitation.form !== undefined || Object.keys(elicitation).length === 0);
}

/**
 * The confirmation view of one request: capabilities from the request's own envelope on the
 * 2026-07-28 era, else those declared at `initialize` (`declared`).
 */
export function userConfirmation(request: ServerContext, declared: ClientCapabilities | undefined): UserConfirmation {
  const envelope = request.mcpReq.envelope as Record<string, unknown> | undefined;
  const capabilities = envelope ? (envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) : declared;
  return {
    available: declaresForm(capabilities),
    answer(key) {
      const view = inputResponse(request.mcpReq.inputResponses, key);
      if (view.kind !== 'elicit') return 'missing';
      return view.action === 'accept' && view.content?.[CONFIRM_FIELD] === true ? 'yes' : 'no';
    },
  };
}
