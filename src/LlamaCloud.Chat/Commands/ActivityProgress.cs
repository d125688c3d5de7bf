using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Shows a command's long downloads and server-requested waits as progress records (on the pipeline thread), and
    /// completes each record when its activity ends. Checks at most four times a second.
    /// </summary>
    internal sealed class ActivityProgress
    {
        private const int BaseId = 0x11b0;
        private readonly Cmdlet _cmdlet;
        private readonly ActivityMonitor _monitor;
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private readonly Dictionary<ActivityMonitor.Activity, ProgressRecord> _shown = new Dictionary<ActivityMonitor.Activity, ProgressRecord>();

        internal ActivityProgress(Cmdlet cmdlet, ActivityMonitor monitor)
        {
            _cmdlet = cmdlet;
            _monitor = monitor;
        }

        internal void Report(bool force = false)
        {
            if (!force && _sinceLast.ElapsedMilliseconds < 250) return;
            _sinceLast.Restart();
            var now = _monitor.Snapshot();
            var live = new HashSet<ActivityMonitor.Activity>(now);
            foreach (var gone in new List<ActivityMonitor.Activity>(_shown.Keys))
            {
                if (live.Contains(gone)) continue;
                var done = _shown[gone];
                _shown.Remove(gone);
                _cmdlet.WriteProgress(new ProgressRecord(done.ActivityId, done.Activity, Messages.Done()) { RecordType = ProgressRecordType.Completed });
            }
            foreach (var a in now)
            {
                if (!a.Visible) continue;
                var record = new ProgressRecord(BaseId + a.Id, Messages.ActivityTitle(a.IsWait, a.Service), Messages.ActivityStatus(a.Title, a.Status));
                if (a.IsWait) record.SecondsRemaining = a.SecondsRemaining;
                else
                {
                    record.PercentComplete = a.PercentComplete;
                    record.SecondsRemaining = a.DownloadSecondsRemaining;
                }
                _shown[a] = record;
                _cmdlet.WriteProgress(record);
            }
        }

        /// <summary>Completes every record still shown (the command is ending).</summary>
        internal void CompleteAll()
        {
            foreach (var r in _shown.Values)
                _cmdlet.WriteProgress(new ProgressRecord(r.ActivityId, r.Activity, Messages.Done()) { RecordType = ProgressRecordType.Completed });
            _shown.Clear();
        }
    }
}
