using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Brings a folder of session files up to date with the project: fetches only sessions that are new or changed.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "LlamaChatArchive", SupportsShouldProcess = true)]
    [OutputType(typeof(ArchiveSyncResult), typeof(FileInfo))]
    public sealed class SyncLlamaChatArchiveCommand : LlamaCloudCmdlet
    {
        private const int ListPageSize = 100;
        private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(10);
        private ArchiveLock? _lock;
        private ArchiveIndex? _index;
        private string _folder = string.Empty;
        private OrderedOutputQueue? _queue;
        private readonly Stopwatch _sinceSave = new Stopwatch();

        /// <summary>The archive folder; created if missing. Holds one file per session, the index and the lock.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>How many sessions are downloaded at once. Default 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Seconds to wait for another run on the same folder to finish before failing with LlamaCloud.ArchiveLocked. Default 60.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int LockTimeoutSec { get; set; } = 60;

        /// <summary>Re-indent the files it writes (as Export-LlamaChatSession -Indented). Files already current are not rewritten.</summary>
        [Parameter]
        public SwitchParameter Indented { get; set; }

        /// <summary>Also write the files this run created or replaced, before the summary.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var watch = Stopwatch.StartNew();
            _folder = ArchiveFolder.Resolve(this, Path);
            if (!ShouldProcess(_folder, Messages.SynchronizeAction()))
            {
                if (WhatIfRequested) Preview();
                return;
            }
            var result = new ArchiveSyncResult(_folder);
            try
            {
                Directory.CreateDirectory(_folder);
                _lock = ArchiveLock.Acquire(_folder, TimeSpan.FromSeconds(LockTimeoutSec), StopToken, WriteVerbose);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, _folder));
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ExportFailed, ErrorCategory.WriteError, _folder));
                return;
            }
            var removed = SessionFileWriter.RemoveLeftovers(_folder);
            if (removed > 0) WriteVerbose(Messages.LeftoversRemoved(removed));
            _index = ArchiveIndex.Load(_folder, WriteWarning);

            var listed = List();
            var writer = new SessionFileWriter(_folder, Indented);
            var failed = new List<string>();
            _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.Synchronizing());
            var work = new List<ChatSession>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in listed)
            {
                if (string.IsNullOrEmpty(s.SessionId))
                {
                    WriteWarning(Messages.ListedWithoutId());
                    continue;
                }
                if (!seen.Add(s.SessionId)) continue;
                if (IsCurrent(writer, s)) result.Unchanged++;
                else work.Add(s);
            }
            _queue.Total = work.Count;
            _sinceSave.Start();
            try
            {
                foreach (var s in work)
                {
                    var isNew = !File.Exists(writer.PathFor(s.SessionId));
                    Task<StagedSessionFile> task;
                    try
                    {
                        task = writer.StageAsync(Api, s.SessionId, StopToken);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        task = Task.FromException<StagedSessionFile>(ex);
                    }
                    _queue.Add(new PendingSync(this, s.SessionId, isNew, task, result, failed));
                }
                _queue.WriteReady(all: true);
            }
            finally
            {
                SaveIndex();
            }
            var missing = new List<string>();
            foreach (var id in _index.Ids) if (!seen.Contains(id)) missing.Add(id);
            result.Missing = missing.Count;
            result.MissingIds = missing.AsReadOnly();
            foreach (var id in missing) WriteVerbose(Messages.NoLongerListed(id, _index.Get(id)!.File, whatIf: false));
            result.Failed = failed.Count;
            result.FailedIds = failed.AsReadOnly();
            result.Duration = watch.Elapsed;
            ReleaseLock();
            WriteObject(result);
        }

        /// <summary>True for -WhatIf (or $WhatIfPreference), as opposed to a "No" at a -Confirm prompt.</summary>
        private bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w)
                ? ((SwitchParameter)w).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// -WhatIf: lists the project and compares it with the folder as a run would, then says which sessions a run
        /// would fetch (one "What if" line each) and which it would report as missing. It reads only: no folder, lock,
        /// file or index is created or changed, and no session is downloaded.
        /// </summary>
        private void Preview()
        {
            _index = ArchiveIndex.Load(_folder, WriteWarning);
            var writer = new SessionFileWriter(_folder, Indented);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int unchanged = 0, fetch = 0;
            foreach (var s in List())
            {
                if (string.IsNullOrEmpty(s.SessionId) || !seen.Add(s.SessionId)) continue;
                if (IsCurrent(writer, s)) { unchanged++; continue; }
                fetch++;
                var path = writer.PathFor(s.SessionId);
                // The three-argument form: in -WhatIf mode its first argument is the whole "What if:" line.
                ShouldProcess(Messages.WouldFetch(!File.Exists(path), s.SessionId, s.LastUpdatedAt, path), null, null);
            }
            var missing = 0;
            foreach (var id in _index.Ids)
            {
                if (seen.Contains(id)) continue;
                missing++;
                WriteVerbose(Messages.NoLongerListed(id, _index.Get(id)!.File, whatIf: true));
            }
            ShouldProcess(Messages.WouldSynchronize(_folder, fetch, unchanged, missing), null, null);
        }

        /// <summary>
        /// The whole listing, through the paging loop Get-LlamaChatSession uses. A listing that cannot be completed ends
        /// the run here, before anything is fetched or the index is written: without the whole list, a session not
        /// listed would pass for one the project no longer has.
        /// </summary>
        private List<ChatSession> List()
        {
            var all = new List<ChatSession>();
            try
            {
                new SessionListing(this, ListPageSize).Run(all.Add, () => true);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, Api.Client.Options.BaseUri));
            }
            return all;
        }

        /// <summary>
        /// True when the archived copy has the listed last_updated_at. A file the index does not vouch for (unknown,
        /// or of another size) is read, so a copy a killed run completed is not fetched again.
        /// </summary>
        private bool IsCurrent(SessionFileWriter writer, ChatSession listed)
        {
            var path = writer.PathFor(listed.SessionId);
            var file = new FileInfo(path);
            if (!file.Exists) return false;
            var entry = _index!.Get(listed.SessionId);
            if (entry != null && entry.Length == file.Length) return SameStamp(entry.LastUpdatedAt, listed.LastUpdatedAtText);
            var onDisk = SessionFiles.ReadSummary(path);
            if (onDisk == null || onDisk.SessionId != listed.SessionId) return false;
            _index.Set(listed.SessionId, new ArchiveEntry(file.Name, onDisk.LastUpdatedAtText, file.Length));
            return SameStamp(onDisk.LastUpdatedAtText, listed.LastUpdatedAtText);
        }

        /// <summary>The same instant: equal text, or two texts that parse to one point in time.</summary>
        internal static bool SameStamp(string? archived, string? listed) => SessionStamp.Same(archived, listed);

        private void Committed(StagedSessionFile staged)
        {
            _index!.Set(staged.Id, new ArchiveEntry(System.IO.Path.GetFileName(staged.Target), staged.Summary.LastUpdatedAtText, staged.Length));
            if (_sinceSave.Elapsed >= CheckpointEvery) SaveIndex();
        }

        private void SaveIndex()
        {
            if (_index == null || !_index.Dirty) return;
            try
            {
                _index.Save(_folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.ArchiveIndexFailed, ErrorCategory.WriteError, _folder));
            }
            _sinceSave.Restart();
        }

        private void ReleaseLock()
        {
            _lock?.Dispose();
            _lock = null;
        }

        /// <inheritdoc />
        private protected override void OnDisposing()
        {
            _queue?.AbandonAll();
            ReleaseLock();
        }

        /// <summary>One session's download; put in place and recorded in the index when its turn comes.</summary>
        private sealed class PendingSync : PendingStagedFile
        {
            private readonly SyncLlamaChatArchiveCommand _cmd;
            private readonly bool _isNew;
            private readonly ArchiveSyncResult _result;
            private readonly List<string> _failed;

            internal PendingSync(SyncLlamaChatArchiveCommand cmd, string id, bool isNew, Task<StagedSessionFile> task, ArchiveSyncResult result, List<string> failed)
                : base(cmd, id, task)
            {
                _cmd = cmd;
                _isNew = isNew;
                _result = result;
                _failed = failed;
            }

            protected override object WriteErrorTarget => Id;

            protected override void OnFailed() => _failed.Add(Id);

            protected override void OnCommitted(StagedSessionFile staged)
            {
                if (_isNew) _result.New++;
                else _result.Updated++;
                _cmd.Committed(staged);
                if (_cmd.PassThru) WriteFile(staged.Target);
            }
        }
    }
}
