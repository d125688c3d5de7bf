using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// Reads one chat turn's event stream as it arrives and hands each event to the channel at once. Knows how far
    /// it got: once the server has answered 200 the turn has run (or is running), so any break from then on is the
    /// final word, <see cref="ErrorIds.StreamInterrupted"/> with the count of events that arrived, never a re-send.
    /// </summary>
    internal sealed class TurnRead
    {
        private readonly string _sessionId;
        private readonly int? _historyLength;
        private readonly EventChannel _channel;
        private readonly IClientLog _log;
        private readonly Func<string?, string?> _redact;
        private readonly CancellationToken _cancellationToken;

        /// <param name="sessionId">Stamped on every event.</param>
        /// <param name="historyLength">Events in the history before this turn, when known: events then carry their
        /// true <see cref="ChatEvent.Index"/>; otherwise only their <see cref="ChatEvent.TurnPosition"/>.</param>
        /// <param name="channel">Where events go, one batch per network read.</param>
        /// <param name="log">Verbose notes on what the stream carried besides events.</param>
        /// <param name="redact">Masks the key in server text before it reaches a message.</param>
        /// <param name="cancellationToken">The user's Ctrl+C.</param>
        internal TurnRead(string sessionId, int? historyLength, EventChannel channel, IClientLog log, Func<string?, string?> redact,
            CancellationToken cancellationToken)
        {
            _redact = redact;
            _sessionId = sessionId;
            _historyLength = historyLength;
            _channel = channel;
            _log = log;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Events handed to the channel so far.</summary>
        internal int Delivered { get; private set; }

        /// <summary>True once the turn's stop event has arrived: the turn is complete, whatever the connection does next.</summary>
        internal bool Stopped { get; private set; }

        /// <summary>The body of the one attempt: parse, deliver, and judge how the stream ended.</summary>
        internal async Task<bool> ReadAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && (ResponseText.IsJson(mediaType) || mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
            {
                // Not a stream: a proxy's page or a JSON answer. The turn may still have run, so this is final too.
                throw new InvalidSessionJsonException(Messages.ExpectedEventStream(mediaType));
            }
            var stream = new TurnStream();
            var parsed = new List<(ChatEvent Event, string Label)>();
            try
            {
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                // .NET Framework's stream reads may ignore the token: disposing the response ends them on cancel.
                using var reg = ctx.Token.Register(response.Dispose);
                var buffer = new byte[16 * 1024];
                while (!stream.Ended)
                {
                    // Every piece of the stream, a keep-alive comment included, restarts the -TimeoutSec clock. After the
                    // stop the turn is complete: what may still follow ([DONE], the end) gets a short grace, not -TimeoutSec.
                    if (Stopped) ctx.TouchWithin(AfterStopGrace);
                    else ctx.Touch();
                    var n = await body.ReadAsync(buffer, 0, buffer.Length, ctx.Token).ConfigureAwait(false);
                    ctx.Token.ThrowIfCancellationRequested();
                    if (n == 0)
                    {
                        stream.Complete();
                        break;
                    }
                    ctx.BytesReceived += n;
                    stream.Feed(new ReadOnlySpan<byte>(buffer, 0, n), parsed);
                    if (parsed.Count > 0) await DeliverAsync(parsed).ConfigureAwait(false);
                    LogSkipped(stream);
                }
                if (stream.Comments > 0) _log.Debug(Messages.KeepAliveComments(_sessionId, stream.Comments));
            }
            catch (OperationCanceledException) when (ctx.UserToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                if (Stopped) return true; // everything of the turn is here; the connection's end does not matter
                var cause = ex is OperationCanceledException
                    ? Messages.StreamIdle(ctx.IdleLimit)
                    : Messages.StreamBroke(_redact(ErrorText.Innermost(ex)));
                throw Interrupted(cause, ex);
            }
            if (stream.ServerError != null) throw ServerReported(_redact(stream.ServerError) ?? string.Empty);
            if (!Stopped) throw Interrupted(Messages.StreamEndedWithoutStop(stream.Done), null);
            return true;
        }

        /// <summary>How long the reader waits, after the stop event, for the rest of the body before it ends the turn itself.</summary>
        internal static readonly TimeSpan AfterStopGrace = TimeSpan.FromSeconds(2);

        private void LogSkipped(TurnStream stream)
        {
            foreach (var text in stream.Skipped)
                _log.Verbose(Messages.SkippedStreamMessage(_sessionId, _redact(TextSummary.OneLine(text, 40))));
            stream.Skipped.Clear();
        }

        private async Task DeliverAsync(List<(ChatEvent Event, string Label)> parsed)
        {
            var batch = new List<ChatEvent>(parsed.Count);
            foreach (var (e, label) in parsed)
            {
                e.SessionId = _sessionId;
                e.StreamEventName = label;
                e.TurnPosition = Delivered + batch.Count;
                if (_historyLength.HasValue) e.Index = _historyLength.Value + e.TurnPosition;
                if (e is StopEvent) Stopped = true;
                batch.Add(e);
            }
            parsed.Clear();
            if (batch.Count == 0) return;
            await _channel.WriteAsync(batch, _cancellationToken).ConfigureAwait(false);
            Delivered += batch.Count;
        }

        private LlamaCloudException ServerReported(string words) =>
            new LlamaCloudException(Messages.TurnFailedInStream(_sessionId, Delivered, words),
                ErrorIds.TurnFailed, ErrorCategory.OperationStopped)
            {
                SessionId = _sessionId,
            };

        private LlamaCloudException Interrupted(string cause, Exception? inner) =>
            new LlamaCloudException(Messages.StreamInterrupted(_sessionId, Delivered, cause),
                ErrorIds.StreamInterrupted, ErrorCategory.ConnectionError, inner)
            {
                SessionId = _sessionId,
            };
    }
}
