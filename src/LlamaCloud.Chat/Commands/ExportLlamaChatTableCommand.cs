using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using System;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes chat sessions as tables (sessions, turns, events, tool_calls) in Parquet, NDJSON or CSV for DuckDB, Spark and other engines; only new and changed sessions are rewritten.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LlamaChatTable", SupportsShouldProcess = true, DefaultParameterSetName = ProjectSet)]
    [OutputType(typeof(ChatTableExportResult))]
    public sealed class ExportLlamaChatTableCommand : SessionInputCmdlet
    {
        private const string LockFileName = ".llama-tables.lock";
        private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(10);
        private readonly Stopwatch _watch = new Stopwatch();
        private readonly Stopwatch _sinceSave = new Stopwatch();
        private readonly List<string> _failed = new List<string>();
        private readonly HashSet<string> _failedSet = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private ArchiveLock? _lock;
        private TableManifest? _manifest;
        private ChatTableExportResult? _result;
        private ChatTableFormat _format;

        /// <summary>The table folder; created if missing. Holds one subfolder per table (sessions, turns, events,
        /// tool_calls) with one file per session, and manifest.json.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The file format: Parquet (PowerShell 7.4+ only), Ndjson or Csv. Default: the format the folder already
        /// holds, else Parquet.</summary>
        [Parameter]
        public ChatTableFormat Format { get; set; } = ChatTableFormat.Parquet;

        /// <summary>Session files or archive folders (wildcards allowed) to read, as Sync-LlamaChatArchive and
        /// Export-LlamaChatSession write them; each file is read in pieces, never held whole.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] ArchivePath { get; set; } = Array.Empty<string>();

        /// <summary>Rewrite the rows of every session given, changed or not (and the tables of another schema version).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Seconds to wait for another run on the same folder to finish before failing with LlamaCloud.TablesLocked. Default 60.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int LockTimeoutSec { get; set; } = 60;

        // The redaction parameters, word for word those of the transcript and trace cmdlets (RedactableOutputCmdlet; a
        // test compares them): this cmdlet's base is the table family's, so they are declared here as well.
        /// <summary>Replace personal data and secrets in everything written (text, tool arguments and results, titles,
        /// errors) with stable pseudonyms such as [EMAIL:3f2a9c0b1d4e]: e-mail addresses, phone numbers, payment card
        /// numbers (Luhn-checked), IBANs (checksum), IPv4 and IPv6 addresses, bearer tokens and API keys (LlamaCloud's
        /// llx- keys among them). JSON stays valid JSON. What was replaced, per rule and never the values, is written
        /// with -Verbose and attached to the output as its Redaction property. See docs/redaction.md.</summary>
        [Parameter]
        public SwitchParameter Redact { get; set; }

        /// <summary>Your own rules, tried before the built-in ones: names and .NET regular expressions, e.g.
        /// @{ Ticket = 'TCK-[0-9]{6}'; Employee = '(?i)emp[0-9]{4}' }; each match becomes [TICKET:…]. Case-sensitive
        /// unless the expression says (?i). Implies -Redact.</summary>
        [Parameter]
        [ValidateNotNull]
        public System.Collections.IDictionary? RedactPattern { get; set; }

        /// <summary>The secret that the pseudonyms are made with (HMAC-SHA256): with the same key, the same value gets the
        /// same pseudonym in every file and every run, so redacted outputs can still be joined. Without it, a random key of
        /// this run only. A SecureString or a plain string. Implies -Redact.</summary>
        [Parameter]
        [SecureStringTransformation(Subject = Messages.RedactionKeySubject)]
        [ValidateNotNull]
        public System.Security.SecureString? RedactionKey { get; set; }

        private RedactingTableFilter? _redaction;

        private protected override string[] FilePaths => ArchivePath;

        private protected override string ProgressActivity => Messages.ExportingTables();

        /// <summary>The folder being written (set once the run has started).</summary>
        internal TableFolder? Folder { get; private set; }

        /// <summary>The one filter every text value of every table passes on its way out (none yet: issue 21's -Redact plugs in here).</summary>
        internal ITableTextFilter? TextFilter { get; set; }

        private protected override void Start()
        {
            _watch.Start();
            var folder = ArchiveFolder.Resolve(this, Path);
            _manifest = LoadManifest(folder);
            if (_manifest.FileFormat != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Format))
                && Enum.TryParse<ChatTableFormat>(_manifest.FileFormat, true, out var existing))
                _format = existing;
            else _format = Format;
            if (_manifest.FileFormat != null && !string.Equals(_manifest.FileFormat, TableFormats.NameOf(_format), StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidDataException(
                    Messages.TableFormatMismatch(folder, _manifest.FileFormat, TableFormats.NameOf(_format))),
                    ErrorIds.TableFolderInvalid, ErrorCategory.InvalidData, folder));
            }
            ITableFileFormat format;
            try
            {
                format = TableFormats.For(_format);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, folder));
                throw;
            }
            Folder = new TableFolder(folder, format, id => System.IO.Path.GetFileNameWithoutExtension(SessionFileName.For(id)),
                SessionFileWriter.Replace, SessionFileWriter.TryDelete);
            _result = new ChatTableExportResult(folder, _format);
            if (Redact || RedactPattern != null || RedactionKey != null)
            {
                _redaction = new RedactingTableFilter(RedactionSetup.Create(this, RedactPattern, RedactionKey));
                TextFilter = _redaction;
            }
            if (!ShouldProcess(folder, Messages.ExportTablesAction(TableFormats.NameOf(_format)))) return;
            try
            {
                Folder.CreateDirectories();
                _lock = ArchiveLock.Acquire(folder, TimeSpan.FromSeconds(LockTimeoutSec), StopToken, WriteVerbose,
                    LockFileName, ErrorIds.TablesLocked, Messages.TheTableFolder(), "Export-LlamaChatTable");
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, folder));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.TableWriteFailed, ErrorCategory.WriteError, folder));
            }
            var removed = Folder.RemoveLeftovers();
            if (removed > 0) WriteVerbose(Messages.LeftoversRemoved(removed));
            // Read again under the lock: another run may have finished while this one waited.
            _manifest = LoadManifest(folder);
            if (_manifest.SchemaVersion != 0 && _manifest.SchemaVersion != TableSchemas.Version)
            {
                WriteWarning(Messages.SchemaRewritten(folder, _manifest.SchemaVersion, TableSchemas.Version));
                _manifest.Clear();
            }
            CheckRedaction(folder);
            _manifest.FileFormat = TableFormats.NameOf(_format);
            _sinceSave.Start();
        }

        /// <summary>
        /// Rows redacted one way are never mixed with rows written another way (raw, another key, other patterns): a
        /// folder that holds sessions keeps the redaction it was first written with, and a run that differs is refused.
        /// </summary>
        private void CheckRedaction(string folder)
        {
            var check = _redaction == null ? null : _redaction.Redactor.SettingsCheck();
            if (_manifest!.Count > 0 && !string.Equals(_manifest.Redaction, check, StringComparison.Ordinal))
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidDataException(
                    Messages.RedactionMismatch(folder, _manifest.Redaction != null, check != null)),
                    ErrorIds.TableFolderInvalid, ErrorCategory.InvalidData, folder));
            }
            _manifest.Redaction = check;
        }

        private TableManifest LoadManifest(string folder)
        {
            try
            {
                return TableManifest.Load(folder);
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.TableFolderInvalid, ErrorCategory.InvalidData, folder));
                throw;
            }
        }

        private bool Writing => _lock != null;

        private protected override PendingOutput? ForSession(ChatSession session)
        {
            var origin = SessionOrigins.Of(session);
            var source = origin != null ? UriText.MaskUserInfo(origin.BaseUri.ToString()) : null;
            if (!Decide(session.SessionId, e => e.IsCurrentFor(session.LastUpdatedAtText), source, out var entry, out var isNew)) return null;
            var target = new SessionTableTarget(this, entry!, session, isNew);
            if (session.EventCount != null) return SessionTurns.FromLoaded(this, session, target);
            ChatApi api;
            try
            {
                api = ApiFor(session);
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, session.SessionId);
                Failed(session.SessionId);
                return null;
            }
            return SessionTurns.FromStream(this, api, session.SessionId, session, withSummary: false, target);
        }

        private protected override PendingOutput? ForSessionId(string id)
        {
            if (!Writing || !_seen.Add(id)) return null;
            return new PendingSummary(this, id, Api.GetSummaryAsync(id, StopToken));
        }

        private protected override PendingOutput? ForFile(string path, string id)
        {
            FileInfo file;
            try
            {
                file = new FileInfo(path);
                _ = file.Length;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.InvalidSessionFile, ErrorCategory.ReadError, path));
                return null;
            }
            if (!Decide(id, e => e.IsCurrentForFile(file.FullName, file.Length, file.LastWriteTimeUtc), file.FullName, out var entry, out var isNew)) return null;
            entry!.SourceLength = file.Length;
            entry.SourceWriteTicks = file.LastWriteTimeUtc.Ticks;
            return SessionTurns.FromFile(this, id, file.FullName, new SessionTableTarget(this, entry, null, isNew));
        }

        /// <summary>True when the session's rows must be (re)written; false when they are current (counted) or skipped.</summary>
        private bool Decide(string id, Func<TableManifestEntry, bool> isCurrent, string? source, out TableManifestEntry? entry, out bool isNew)
        {
            entry = null;
            isNew = false;
            if (!Writing) return false;
            if (string.IsNullOrEmpty(id))
            {
                WriteWarning(Messages.SessionWithoutId());
                return false;
            }
            if (!_seen.Add(id)) return false;
            var old = _manifest!.Get(id);
            if (!Force && old != null && isCurrent(old) && FilesExist(old.Stem))
            {
                _result!.Unchanged++;
                return false;
            }
            if (!ShouldProcess(id, Messages.ExportRowsAction())) return false;
            isNew = old == null;
            entry = new TableManifestEntry(id, Folder!.StemFor(id)) { Source = source };
            return true;
        }

        private bool FilesExist(string stem)
        {
            foreach (var t in TableSchemas.All) if (!File.Exists(Folder!.FileFor(t, stem))) return false;
            return true;
        }

        /// <summary>A session's files are in place: record it, and save the manifest now and then (a long run keeps its progress).</summary>
        internal void Committed(TableManifestEntry entry, bool isNew)
        {
            _manifest!.Set(entry);
            if (isNew) _result!.New++;
            else _result!.Updated++;
            foreach (var n in entry.Rows) _result.RowsWritten += n;
            if (_sinceSave.Elapsed >= CheckpointEvery) SaveManifest();
        }

        internal void Failed(string id)
        {
            if (_failedSet.Add(id)) _failed.Add(id);
        }

        private void SaveManifest()
        {
            if (_manifest == null || !_manifest.Dirty || Folder == null) return;
            try
            {
                _manifest.Save(Folder, typeof(ExportLlamaChatTableCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.TableWriteFailed, ErrorCategory.WriteError, Folder.Path));
            }
            _sinceSave.Restart();
        }

        private protected override void Finish()
        {
            if (!Writing) return;
            SaveManifest();
            ReleaseLock();
            var r = _result!;
            r.Failed = _failed.Count;
            r.FailedIds = _failed.AsReadOnly();
            r.Sessions = _manifest!.Count;
            r.Turns = _manifest.RowsOf(1);
            r.Events = _manifest.RowsOf(2);
            r.ToolCalls = _manifest.RowsOf(3);
            r.Duration = _watch.Elapsed;
            if (_redaction != null)
            {
                r.Redaction = _redaction.Tally.Summary();
                foreach (var line in Redaction.Messages.Summary(r.Redaction, r.New + r.Updated, "session")) WriteVerbose(line);
                foreach (var name in _redaction.Redactor.TimedOutPatterns()) WriteWarning(Redaction.Messages.TimedOut(name));
            }
            WriteObject(r);
        }

        private void ReleaseLock()
        {
            _lock?.Dispose();
            _lock = null;
        }

        /// <inheritdoc />
        private protected override void OnDisposing()
        {
            base.OnDisposing();
            _redaction?.Redactor.Dispose();
            // Ctrl+C or a failure: what was committed is recorded, so the next run does not redo it.
            SaveManifest();
            ReleaseLock();
        }

        /// <summary>An id: its summary first (cheap), then its history only when the session is new or changed.</summary>
        private sealed class PendingSummary : PendingResult<ChatSession>
        {
            private readonly ExportLlamaChatTableCommand _cmd;

            internal PendingSummary(ExportLlamaChatTableCommand cmd, string id, Task<ChatSession> summary)
                : base(cmd, id, summary)
            {
                _cmd = cmd;
            }

            private protected override void OnFailed() => _cmd.Failed(Id);

            private protected override void OnCompleted(ChatSession summary)
            {
                _cmd._seen.Remove(Id);
                var source = UriText.MaskUserInfo(_cmd.Api.Client.Endpoint.BaseUri.ToString());
                if (!_cmd.Decide(Id, e => e.IsCurrentFor(summary.LastUpdatedAtText), source, out var entry, out var isNew)) return;
                SessionTurns.FromStream(_cmd, _cmd.Api, Id, summary, withSummary: false, new SessionTableTarget(_cmd, entry!, summary, isNew)).Write();
            }
        }
    }
}
