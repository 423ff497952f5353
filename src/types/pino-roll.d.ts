// pino-roll ships no types; this declares the one function we call.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  export default function pinoRoll(options: Record<string, unknown>): Promise<DestinationStream>;
}
