using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The events of consecutive piped turns of one session (Get-LlamaChatTurn | Where-Object IsError |
    /// Get-LlamaChatEvent): the session is streamed once, the events whose Index lies in one of the turns' ranges are
    /// written, and the download stops after the last turn's last event, so turn 1 of a long history costs its own
    /// events, not the whole history.
    /// </summary>
    internal sealed class TurnEvents : PendingOutput
    {
        private readonly GetLlamaChatEventCommand _cmd;
        private readonly string _sessionId;
        private readonly List<(int First, int Last)> _ranges = new List<(int, int)>();
        private EventChannel? _channel;
        private Task? _download;
        private CancellationTokenSource? _own;

        internal TurnEvents(GetLlamaChatEventCommand cmd, ChatTurn first)
        {
            _cmd = cmd;
            _sessionId = first.SessionId;
            Add(first);
        }

        /// <summary>True when <paramref name="turn"/> belongs to this group: the same session, later in its history.</summary>
        internal bool Accepts(ChatTurn turn) =>
            string.Equals(turn.SessionId, _sessionId, StringComparison.Ordinal) && turn.FirstIndex > _ranges[_ranges.Count - 1].Last;

        internal void Add(ChatTurn turn) => _ranges.Add((turn.FirstIndex!.Value, turn.LastIndex!.Value));

        /// <summary>Starts the download; the group takes no more turns after this.</summary>
        internal TurnEvents Start()
        {
            _own = CancellationTokenSource.CreateLinkedTokenSource(_cmd.StopToken);
            _channel = new EventChannel();
            _download = _cmd.StartStream(_sessionId, _channel, _own.Token);
            return this;
        }

        internal override bool IsCompleted => _download == null || _download.IsCompleted;

        internal override void Write()
        {
            var last = _ranges[_ranges.Count - 1].Last;
            var range = 0;
            var wanted = new List<ChatEvent>();
            try
            {
                while (true)
                {
                    List<ChatEvent>? batch;
                    try
                    {
                        batch = _cmd.Await(_channel!.ReadAsync(_cmd.StopToken));
                    }
                    catch (Exception ex) when (!(ex is PipelineStoppedException))
                    {
                        _cmd.WriteRequestError(ex, _sessionId);
                        return;
                    }
                    if (batch == null) return;
                    wanted.Clear();
                    var done = false;
                    foreach (var e in batch)
                    {
                        var i = e.Index ?? -1;
                        while (range < _ranges.Count && i > _ranges[range].Last) range++;
                        if (range == _ranges.Count) { done = true; break; }
                        if (i >= _ranges[range].First) wanted.Add(e);
                    }
                    if (wanted.Count > 0) _cmd.WriteBatch(wanted, filter: false); // the stream applied -Type and -Name
                    if (done || (batch.Count > 0 && (batch[batch.Count - 1].Index ?? -1) >= last)) return;
                }
            }
            finally
            {
                Abandon(); // past the last turn: the rest of the history is not downloaded
            }
        }

        internal override void Abandon()
        {
            // Cancelled, not disposed: the download may still be looking at its token as it winds down.
            _own?.Cancel();
            _own = null;
        }

        internal static string NotInHistory(ChatTurn turn) =>
Messages.TurnNotInHistory(turn.Number, turn.SessionId);
    }
}
