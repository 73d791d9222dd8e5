import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server on 127.0.0.1 answering POST /v1/chat/completions in the OpenAI response shape
// (id, object, created, model, choices[].message, usage). Each test decides the reply per request.

export interface ChatRequest {
  headers: IncomingMessage['headers'];
  body: {
    model: string;
    messages: { role: string; content?: string }[];
    temperature?: number;
    seed?: number;
    response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  };
}

export type Reply =
  | { content: string; toolArguments?: undefined; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { toolArguments: string; content?: undefined; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: number; text?: string; headers?: Record<string, string> }
  | { hang: true };

export interface FakeChatServer {
  url: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** Start a fake chat-completions server; `reply` sees every request in order. */
export async function startFakeChatServer(
  reply: (request: ChatRequest, index: number) => Reply,
): Promise<FakeChatServer> {
  const requests: ChatRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404).end('not found');
        return;
      }
      const entry: ChatRequest = { headers: request.headers, body: JSON.parse(text) as ChatRequest['body'] };
      requests.push(entry);
      const answer = reply(entry, requests.length - 1);
      if ('hang' in answer) {
        open.add(response);
        return;
      }
      if ('status' in answer) {
        response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.text ?? '');
        return;
      }
      const message =
        answer.toolArguments !== undefined
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [
                { id: 'call_1', type: 'function', function: { name: 'apply_manifest', arguments: answer.toolArguments } },
              ],
            }
          : { role: 'assistant', content: answer.content };
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 1_760_000_000,
          model: entry.body.model,
          choices: [{ index: 0, message, finish_reason: answer.toolArguments !== undefined ? 'tool_calls' : 'stop' }],
          usage: answer.usage
            ? { ...answer.usage, total_tokens: answer.usage.prompt_tokens + answer.usage.completion_tokens }
            : undefined,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
