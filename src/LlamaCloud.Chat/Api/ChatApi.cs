using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Api
{
    /// <summary>The chat endpoints, one method each, on top of <see cref="LlamaCloudClient"/>.</summary>
    internal sealed class ChatApi
    {
        internal ChatApi(LlamaCloudClient client)
        {
            Client = client;
        }

        internal LlamaCloudClient Client { get; }

        /// <summary>GET /api/v1/chat/{id}: the whole session, events included. Never returns a partial session.</summary>
        internal Task<ChatSession> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
            ReadSessionAsync(sessionId, null, cancellationToken);

        /// <summary>GET /api/v1/chat/{id}/summary: the session without events (Events is null: not loaded).</summary>
        internal Task<ChatSession> GetSummaryAsync(string sessionId, CancellationToken cancellationToken) =>
            ReadSessionAsync(sessionId, "summary", cancellationToken);

        private async Task<ChatSession> ReadSessionAsync(string sessionId, string? suffix, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, suffix));
            var whole = suffix == null;
            return await Client.ExecuteAsync(RequestSpec.Get(uri, sessionId), async (response, ctx) =>
            {
                using var shown = Client.Activity.Download(Messages.SessionDownload(sessionId), () => ctx.BytesReceived, response.Content.Headers.ContentLength);
                var reader = whole ? WholeSessionReader(sessionId) : new SessionReader(sessionId, SummaryOnly.Instance);
                await ResponseBody.ReadSessionAsync(response, reader, null, ctx).ConfigureAwait(false);
                var session = reader.Session;
                if (!whole) session.Events = null;
                SessionOrigins.Record(session, Client.Options);
                return session;
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The reader of a whole session: it keeps the body and builds the events when first asked (see LazyEvents).</summary>
        internal static SessionReader WholeSessionReader(string sessionId) => new SessionReader(sessionId, new LazyHistory());

        /// <summary>
        /// GET /api/v1/chat/{id}, copying the body byte for byte into the stream <paramref name="beginAttempt"/> gives
        /// for each attempt (a retry starts over), while reading it as a session so that a body that is not one fails
        /// before the caller keeps it. No event is built; memory does not grow with the session. Returns the session's
        /// summary fields (Events null).
        /// </summary>
        internal Task<ChatSession> CopySessionAsync(string sessionId, System.Func<System.IO.Stream> beginAttempt, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, null));
            return Client.ExecuteAsync(RequestSpec.Get(uri, sessionId), async (response, ctx) =>
            {
                using var shown = Client.Activity.Download(Messages.SessionDownload(sessionId), () => ctx.BytesReceived, response.Content.Headers.ContentLength);
                var reader = new SessionReader(sessionId, SummaryOnly.Instance);
                var sink = beginAttempt();
                await ResponseBody.ReadSessionAsync(response, reader, null, ctx, sink).ConfigureAwait(false);
                try
                {
                    sink.Flush();
                }
                catch (System.IO.IOException ex)
                {
                    throw new LocalWriteException(ex);
                }
                var session = reader.Session;
                session.Events = null;
                SessionOrigins.Record(session, Client.Options);
                return session;
            }, cancellationToken);
        }

        /// <summary>
        /// GET /api/v1/chat/{id}, streaming the events that pass <paramref name="filter"/> into <paramref name="channel"/>
        /// as they are parsed. If the connection breaks part-way, the retry skips the events already delivered
        /// (<see cref="ResumableEventRead"/>), so the caller sees each event exactly once.
        /// </summary>
        internal async Task StreamEventsAsync(string sessionId, EventFilter? filter, EventChannel channel, CancellationToken cancellationToken)
        {
            try
            {
                var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, null));
                var read = new ResumableEventRead(sessionId, filter, channel, cancellationToken);
                await Client.ExecuteAsync(RequestSpec.Get(uri, sessionId), async (response, ctx) =>
                {
                    using var shown = Client.Activity.Download(Messages.SessionDownload(sessionId), () => ctx.BytesReceived, response.Content.Headers.ContentLength);
                    return await read.ReadAsync(response, ctx).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                channel.Complete(null);
            }
            catch (System.Exception ex)
            {
                channel.Complete(ex);
            }
        }

        /// <summary>GET /api/v1/chat: one page of session summaries, newest first. A null page size sends none (the server's default).</summary>
        internal Task<SessionPage> ListAsync(int? pageSize, string? pageToken, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.ChatRoot, new[]
            {
                new KeyValuePair<string, string?>("page_size", pageSize?.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string?>("page_token", pageToken),
            });
            return Client.ExecuteAsync(RequestSpec.Get(uri, null), async (response, ctx) =>
            {
                var page = SessionPage.Parse(await ResponseText.ReadAllJsonAsync(response, ctx).ConfigureAwait(false));
                foreach (var s in page.Items) SessionOrigins.Record(s, Client.Options);
                return page;
            }, cancellationToken);
        }

        /// <summary>POST /api/v1/chat: a new session, bound to <paramref name="indexIds"/> (null: unbound). Its Events is
        /// an empty history. Not idempotent: re-sent only on an answer that proves nothing was created.</summary>
        internal Task<ChatSession> CreateSessionAsync(IReadOnlyList<string>? indexIds, string? sharedAccess, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.ChatRoot);
            var spec = RequestSpec.Post(uri, null, RequestBodies.CreateSession(indexIds, sharedAccess));
            return Client.ExecuteAsync(spec, async (response, ctx) =>
            {
                var reader = new SessionReader(null, new KeptEvents());
                await ResponseBody.ReadSessionAsync(response, reader, null, ctx).ConfigureAwait(false);
                var session = reader.Session;
                // A new session has no history: an empty list, so a piped Send-LlamaChatMessage knows every Index.
                session.Events ??= new ReadOnlyItems<ChatEvent>(new List<ChatEvent>(), "event");
                SessionOrigins.Record(session, Client.Options);
                return session;
            }, cancellationToken);
        }

        /// <summary>POST /api/v1/chat/{id}/title: generates the session's title from <paramref name="firstMessage"/>; the
        /// updated summary (Events null). Not idempotent in principle (a model runs), so re-sent only when nothing ran.</summary>
        internal Task<ChatSession> SetTitleAsync(string sessionId, string firstMessage, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, "title"));
            var spec = RequestSpec.Post(uri, sessionId, RequestBodies.Title(firstMessage));
            return Client.ExecuteAsync(spec, async (response, ctx) =>
            {
                var reader = new SessionReader(sessionId, SummaryOnly.Instance);
                await ResponseBody.ReadSessionAsync(response, reader, null, ctx).ConfigureAwait(false);
                var session = reader.Session;
                session.Events = null;
                SessionOrigins.Record(session, Client.Options);
                return session;
            }, cancellationToken);
        }

        /// <summary>The content of the session's first user_input event, or null when it has none. Reads the history only
        /// as far as that event.</summary>
        internal async Task<string?> FirstUserInputAsync(string sessionId, CancellationToken cancellationToken)
        {
            using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = new EventChannel();
            var read = StreamEventsAsync(sessionId, new EventFilter(new[] { ChatEventType.UserInput }, null), channel, enough.Token);
            try
            {
                while (await channel.ReadAsync(cancellationToken).ConfigureAwait(false) is { } batch)
                {
                    foreach (var e in batch)
                    {
                        if (e is UserInputEvent u) return u.Content;
                    }
                }
                return null;
            }
            finally
            {
                enough.Cancel(); // the rest of the history is not needed
                try
                {
                    await read.ConfigureAwait(false);
                }
                catch (System.OperationCanceledException)
                {
                }
            }
        }

        /// <summary>DELETE /api/v1/chat/{id}. Idempotent, so retried like a GET; the body (if any) is ignored.</summary>
        internal Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, null));
            return Client.ExecuteAsync(RequestSpec.Delete(uri, sessionId), (response, ctx) => Task.FromResult(true), cancellationToken);
        }

        /// <summary>
        /// POST /api/v1/chat/{id}/messages/stream: runs one turn and hands its events to <paramref name="channel"/> as
        /// they arrive. Completes the channel with null, or with the failure (after the events that did arrive).
        /// </summary>
        internal async Task SendMessageAsync(string sessionId, string prompt, IReadOnlyList<string> indexIds, bool? requireAllIndexes,
            int? historyLength, EventChannel channel, CancellationToken cancellationToken)
        {
            try
            {
                var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, "messages/stream"));
                var spec = RequestSpec.Post(uri, sessionId, RequestBodies.Turn(prompt, indexIds, requireAllIndexes), "text/event-stream");
                var read = new TurnRead(sessionId, historyLength, channel, Client.Log, Client.Redact, cancellationToken);
                await Client.ExecuteAsync(spec, read.ReadAsync, cancellationToken).ConfigureAwait(false);
                channel.Complete(null);
            }
            catch (System.Exception ex)
            {
                channel.Complete(ex);
            }
        }
    }
}
