using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// What the cmdlets say to the user: parameter errors, warnings, -Verbose lines, progress text and ShouldProcess
    /// descriptions, built here so that the words live in one place. Messages a lower layer also says (a path of another
    /// provider, a file that is no session file, the missing key) are that layer's and are called from there.
    /// </summary>
    internal static class Messages
    {
        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

        // Progress: activities and status text.

        /// <summary>The status of a progress record that is being completed.</summary>
        internal static string Done() => "Done";

        /// <summary>The activity of a wait the server asked for, or of a download, shown once it runs over a second.</summary>
        internal static string ActivityTitle(bool isWait, string service) => isWait ? "Waiting for " + service : "Downloading from " + service;

        /// <summary>The status of such an activity: what is waited for or downloaded, and how far it got.</summary>
        internal static string ActivityStatus(string title, string status) => title + ": " + status;

        /// <summary>The status of an ordered output queue: sessions written so far (of how many, when known).</summary>
        internal static string SessionsWritten(int written, int? total) => total.HasValue ? $"{written} of {total} sessions" : $"{written} sessions";

        /// <summary>Progress activity of Export-LlamaChatSession.</summary>
        internal static string ExportingSessions() => "Exporting LlamaCloud chat sessions";

        /// <summary>Progress activity of Get-LlamaChatEvent.</summary>
        internal static string GettingEvents() => "Getting LlamaCloud chat events";

        /// <summary>Progress activity of Get-LlamaChatSession.</summary>
        internal static string GettingSessions() => "Getting LlamaCloud chat sessions";

        /// <summary>Progress activity of Get-LlamaChatTurn.</summary>
        internal static string GettingTurns() => "Getting LlamaCloud chat turns";

        /// <summary>Progress activity of ConvertTo-LlamaChatTrace and Export-LlamaChatTrace.</summary>
        internal static string ConvertingToTraces() => "Converting LlamaCloud chat sessions to traces";

        /// <summary>Progress activity of Sync-LlamaChatArchive.</summary>
        internal static string Synchronizing() => "Synchronizing the LlamaCloud chat archive";

        /// <summary>Progress activity of the transcript cmdlets.</summary>
        internal static string WritingTranscripts() => "Writing LlamaCloud chat transcripts";

        /// <summary>Progress activity of Export-LlamaChatTable.</summary>
        internal static string ExportingTables() => "Exporting LlamaCloud chat tables";

        /// <summary>Progress activity of Get-LlamaChatUsage.</summary>
        internal static string AddingUpUsage() => "Adding up LlamaCloud chat usage";

        /// <summary>Progress activity of Search-LlamaChat.</summary>
        internal static string Searching() => "Searching LlamaCloud chat sessions";

        /// <summary>Progress activity of Save-LlamaChatAttachment.</summary>
        internal static string SavingAttachments() => "Saving LlamaCloud chat attachments";

        /// <summary>Progress status of Save-LlamaChatAttachment: the attachment being saved.</summary>
        internal static string SavingAttachment(string sourceId, string name, int saved) => $"{sourceId}/{name} ({saved} saved so far)";

        /// <summary>Progress activity of a session listing.</summary>
        internal static string Listing() => "Listing LlamaCloud chat sessions";

        /// <summary>Progress status of a session listing.</summary>
        internal static string Listed(ulong listed) => $"{listed} sessions listed";

        // Connection.

        /// <summary>An empty key or redaction key (<paramref name="what"/>), given explicitly.</summary>
        internal static string KeyEmpty(string what) => "The " + what + " is empty.";

        /// <summary>What -ApiKey holds, in <see cref="KeyEmpty"/>.</summary>
        internal const string ApiKeySubject = "API key";

        /// <summary>What -RedactionKey holds, in <see cref="KeyEmpty"/>.</summary>
        internal const string RedactionKeySubject = "redaction key";

        /// <summary>-Verbose of Connect-LlamaCloud -Validate: the key was accepted.</summary>
        internal static string KeyAccepted(Uri baseUri) => $"LlamaCloud accepted the key at {baseUri}.";

        /// <summary>-Verbose of Connect-LlamaCloud: where the connection goes (never the key).</summary>
        internal static string Connected(Uri baseUri, string? source, string? projectId, string proxy) =>
            $"Connected to {baseUri} (from {source}; key ********{(projectId != null ? ", project " + projectId : string.Empty)}, proxy: {proxy}).";

        /// <summary>-Verbose of Disconnect-LlamaCloud without a connection.</summary>
        internal static string NotConnected() => "Not connected.";

        // Error records.

        /// <summary>The recommended action of a 404.</summary>
        internal static string NotFoundAdvice() => "Check the session id, and -ProjectId / -OrganizationId if the session belongs to another project.";

        /// <summary>The recommended action of a 429.</summary>
        internal static string RateLimitedAdvice() => "Retry later, or raise -MaximumRetryCount.";

        // Parameters.

        /// <summary>A null given for a session id.</summary>
        internal static string SessionIdNull() => "A session id cannot be null.";

        /// <summary>An empty or blank session id.</summary>
        internal static string SessionIdBlank() => "A session id cannot be empty or blank.";

        /// <summary>A file given where a session id goes.</summary>
        internal static string FileIsNoSessionId(string name) =>
            $"'{name}' is a file, not a session id. Read session files with Get-LlamaChatSession first, e.g. Get-ChildItem ./archive -Filter *.json | Get-LlamaChatSession | Get-LlamaChatEvent.";

        /// <summary>An object of another kind given where a session id goes; <paramref name="isItem"/> when it is a provider item.</summary>
        internal static string NotASessionId(string type, bool isItem) =>
            $"A {type} is not a session id. This parameter takes session ids (strings), sessions from Get-LlamaChatSession, turns, events, or objects with a SessionId property."
            + (isItem ? " Read session files with Get-LlamaChatSession -Path first." : string.Empty);

        /// <summary>A -Prompt that is no string.</summary>
        internal static string PromptNotString() => "The prompt must be a string.";

        /// <summary>An empty -Prompt.</summary>
        internal static string PromptEmpty() => "The prompt cannot be empty.";

        /// <summary>A -Prompt longer than the API accepts.</summary>
        internal static string PromptTooLong(int length, int max) => $"The prompt has {length} characters; the API accepts at most {max}.";

        /// <summary>A piped object that names no attachment.</summary>
        internal static string NamesNoAttachment(string type) =>
            $"A {type} names no attachment. Pipe tool_result events, turns, tool calls, sessions, session ids or attachments, or use -SourceId and -Name.";

        /// <summary>An invalid -Pattern (the regular expression engine's reason).</summary>
        internal static string PatternInvalid(string pattern, string reason) => $"-Pattern '{pattern}' is not a valid regular expression: {reason}";

        /// <summary>-Verbose of Search-LlamaChat: whether events can be skipped unread, and by which literal.</summary>
        internal static string SearchAnchor(string? anchor) => anchor == null
            ? "The pattern has no literal every match must contain: every event of the types asked for is read and checked."
            : $"Events whose bytes do not contain '{anchor}' (nor an escape that could stand for it) are skipped unread.";

        /// <summary>The -Type warning: names this module does not know (with the guesses for each), patterns that match none, and the known types.</summary>
        internal static string UnknownTypes(IReadOnlyCollection<string>? unknown, IReadOnlyList<(string Name, IReadOnlyList<string> Guesses)> guesses,
            IReadOnlyCollection<string>? patterns, IEnumerable<string> known)
        {
            var parts = new List<string>();
            if (unknown != null)
            {
                parts.Add($"-Type {string.Join(", ", unknown)}: not {(unknown.Count == 1 ? "a type" : "types")} this module knows; matching UnknownEvents of that wire type.");
                if (guesses.Count == 1 && unknown.Count == 1) parts.Add($"Did you mean {Or(guesses[0].Guesses)}?");
                else if (guesses.Count > 0) parts.Add("Did you mean " + string.Join("; ", guesses.Select(g => $"{Or(g.Guesses)} (for {g.Name})")) + "?");
            }
            if (patterns != null)
                parts.Add($"-Type {string.Join(", ", patterns)}: {(patterns.Count == 1 ? "matches" : "match")} no type this module knows; matching UnknownEvents whose wire type {(patterns.Count == 1 ? "it matches" : "they match")}.");
            parts.Add($"Known types: {string.Join(", ", known)}.");
            return string.Join(" ", parts);
        }

        private static string Or(IReadOnlyList<string> names) =>
            names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];

        // Files and folders.

        /// <summary>A file that exists, without -Force.</summary>
        internal static string FileExists(string file) => $"'{file}' already exists. Use -Force to overwrite it.";

        /// <summary>A trace file that exists, without -Append or -Force.</summary>
        internal static string TraceFileExists(string file) => $"'{file}' already exists. Use -Append to add to it or -Force to overwrite it.";

        /// <summary>A trace -Path that names a folder.</summary>
        internal static string TracePathIsFolder(string file) => $"'{file}' is a folder; -Path names the .jsonl file to write.";

        /// <summary>An attachment -Path that names a file.</summary>
        internal static string AttachmentPathIsFile(string path) => $"'{path}' is a file; give a folder to save attachments into.";

        /// <summary>A transcript -Path whose extension names no format.</summary>
        internal static string TranscriptExtensionUnknown(string path, string extension) =>
            $"'{path}' has the extension '{extension}', which names no transcript format. Use .md or .html, or give -Format.";

        /// <summary>A second session for a transcript -Path that names one file.</summary>
        internal static string TranscriptFileTaken(string file, string takenBy) =>
            $"-Path names one file, '{file}', which holds the transcript of session '{takenBy}'. Give a folder to write one file per session.";

        /// <summary>-Verbose: temporary files of an interrupted run, removed.</summary>
        internal static string LeftoversRemoved(int removed) => $"Removed {removed} temporary file(s) left by an interrupted run.";

        /// <summary>An attachment file that could not be written.</summary>
        internal static string AttachmentNotWritten(string target, string problem) => $"'{target}' could not be written: {problem}";

        /// <summary>-Verbose of Save-LlamaChatAttachment: where an attachment was saved.</summary>
        internal static string AttachmentSaved(string sourceId, string name, string target) => $"Saved {sourceId}/{name} as '{target}'.";

        /// <summary>-Verbose of Save-LlamaChatAttachment: an expired presigned URL, replaced by a fresh one.</summary>
        internal static string PresignedUrlRefused(string sourceId, string name, string problem) =>
            $"{sourceId}/{name}: the presigned URL was refused ({problem}); asking for a fresh one.";

        // ShouldProcess.

        /// <summary>ShouldProcess action of New-LlamaChatSession.</summary>
        internal static string CreateAction() => "Create";

        /// <summary>ShouldProcess target of New-LlamaChatSession: the session it would create.</summary>
        internal static string NewSessionTarget(IReadOnlyList<string>? indexIds, string? sharedAccess) =>
            (indexIds == null ? "an unbound chat session" : "a chat session bound to " + string.Join(", ", indexIds))
            + (sharedAccess != null ? " (shared_access " + sharedAccess + ")" : string.Empty);

        /// <summary>ShouldProcess action of Remove-LlamaChatSession.</summary>
        internal static string RemoveAction() => "Remove chat session";

        /// <summary>ShouldProcess target of Remove-LlamaChatSession for a session object: its id and title.</summary>
        internal static string SessionLabel(string sessionId, string? title) =>
            title == null ? sessionId : $"{sessionId} ({TextSummary.OneLine(title, 60)})";

        /// <summary>ShouldProcess target of Update-LlamaChatSessionTitle.</summary>
        internal static string SessionTarget(string sessionId) => $"session '{sessionId}'";

        /// <summary>ShouldProcess action of Update-LlamaChatSessionTitle.</summary>
        internal static string GenerateTitleAction() => "Generate a title";

        /// <summary>ShouldProcess target of Send-LlamaChatMessage: the session and the indexes the turn queries.</summary>
        internal static string SendTarget(string sessionId, IReadOnlyList<string> indexIds) =>
            $"LlamaCloud chat session '{sessionId}'" + (indexIds.Count == 0 ? " (no indexes)" : $" (indexes {string.Join(", ", indexIds)})");

        /// <summary>ShouldProcess action of Send-LlamaChatMessage: the prompt, on one line.</summary>
        internal static string SendAction(string prompt) => $"Send the prompt '{TextSummary.OneLine(prompt, 1000)}'";

        /// <summary>ShouldProcess action of Export-LlamaChatSession.</summary>
        internal static string ExportSessionAction(string sessionId) => $"Export chat session '{sessionId}'";

        /// <summary>ShouldProcess action of Export-LlamaChatTranscript.</summary>
        internal static string WriteTranscriptAction(string sessionId) => $"Write the transcript of chat session '{sessionId}'";

        /// <summary>ShouldProcess action of Save-LlamaChatAttachment.</summary>
        internal static string SaveAttachmentAction(string sourceId, string name) => $"Save attachment {sourceId}/{name}";

        /// <summary>ShouldProcess action of Export-LlamaChatTrace -Path.</summary>
        internal static string WriteTracesAction(bool append) => append ? "Append OpenTelemetry traces" : "Write OpenTelemetry traces";

        /// <summary>ShouldProcess action of Export-LlamaChatTrace to a receiver: one batch.</summary>
        internal static string SendTracesAction(IReadOnlyList<string> sessionIds, int spans) =>
            $"Send the traces of {sessionIds.Count} session(s), {spans} spans ({string.Join(", ", sessionIds)})";

        /// <summary>ShouldProcess action of Sync-LlamaChatArchive.</summary>
        internal static string SynchronizeAction() => "Synchronize the chat session archive";

        /// <summary>-WhatIf line of Sync-LlamaChatArchive for each session it would fetch.</summary>
        internal static string WouldFetch(bool isNew, string sessionId, DateTime lastUpdatedUtc, string path) =>
            $"Fetching {(isNew ? "new" : "changed")} session '{sessionId}' (last updated {lastUpdatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC) into {path}.";

        /// <summary>-WhatIf summary of Sync-LlamaChatArchive.</summary>
        internal static string WouldSynchronize(string folder, int fetch, int unchanged, int missing) =>
            $"Synchronizing {folder} would fetch {fetch} session(s), leave {unchanged} unchanged and report {missing} as no longer listed.";

        /// <summary>ShouldProcess action of Export-LlamaChatTable for the folder.</summary>
        internal static string ExportTablesAction(string format) => $"Export chat session tables ({format})";

        /// <summary>ShouldProcess action of Export-LlamaChatTable for each session.</summary>
        internal static string ExportRowsAction() => "Export the session's table rows";

        // Archive and tables.

        /// <summary>The warning for a listed session without an id, which cannot be archived.</summary>
        internal static string ListedWithoutId() => "The listing has a session without a session_id; it cannot be archived.";

        /// <summary>-Verbose for a session the project no longer lists (its file is kept; "would be" under -WhatIf).</summary>
        internal static string NoLongerListed(string sessionId, string file, bool whatIf) =>
            $"Session '{sessionId}' is no longer listed by the project; its file {file} {(whatIf ? "would be kept" : "is kept")}.";

        /// <summary>The warning for a session without an id given to Export-LlamaChatTable.</summary>
        internal static string SessionWithoutId() => "A session without a session_id cannot be exported.";

        /// <summary>Who holds the table folder's lock, as the lock's messages name it.</summary>
        internal static string TheTableFolder() => "The table folder";

        /// <summary>A table folder written in another file format than the run asks for.</summary>
        internal static string TableFormatMismatch(string folder, string? existing, string asked) =>
            $"'{folder}' holds tables in {existing} format; this run asks for {asked}. Export into another folder, or leave -Format out to add to these tables.";

        /// <summary>The warning for a table folder of another schema version, rewritten whole.</summary>
        internal static string SchemaRewritten(string folder, int was, int now) =>
            $"The tables in '{folder}' were written under schema version {was}; every session given is rewritten under version {now}.";

        /// <summary>A table folder written with other redaction settings than the run's.</summary>
        internal static string RedactionMismatch(string folder, bool wasRedacted, bool redacts) =>
            $"The tables in '{folder}' were written {(!wasRedacted ? "without redaction" : !redacts ? "with redaction" : "with other redaction settings (another -RedactionKey, a random one, or other -RedactPattern rules)")}, "
            + $"and {(!redacts ? "this run does not redact" : "this run redacts with other settings")}: rows of both kinds would be mixed. Export into another folder, or repeat the settings of the first run (the same -RedactionKey and -RedactPattern).";

        /// <summary>A session's tables that could not be written.</summary>
        internal static string TablesNotWritten(string sessionId, string folder, string problem) =>
            $"The tables of session '{sessionId}' could not be written in '{folder}': {problem}";

        // Listing.

        /// <summary>-Verbose: the server refused -ListPageSize; the listing goes on with its default.</summary>
        internal static string PageSizeRejected(int? pageSize, int status, string detail) =>
            $"The server rejected page_size={pageSize} ({status}: {TextSummary.OneLine(detail, 200)}); listing with the server's default page size instead.";

        /// <summary>A listing that could not be completed; <paramref name="why"/> says what happened after the sessions listed.</summary>
        internal static string ListIncomplete(ulong listed, string why) =>
            $"The session list is incomplete: {listed} session{(listed == 1 ? " was" : "s were")} listed, then {why}";

        /// <summary>Why a listing is incomplete: a run of empty pages that still had a next page token.</summary>
        internal static string EmptyPages(int inARow, int first, int last) =>
            $"the API returned {inARow} empty pages in a row that still had a next page token (pages {first} to {last})";

        /// <summary>Why a listing is incomplete: a page failed after the retries.</summary>
        internal static string PageFailed(int page, string problem) => $"page {page} failed after the retries: {problem}";

        // Turns and titles.

        /// <summary>A turn that failed; the server's (redacted) words, or that it gave none.</summary>
        internal static string TurnFailed(string sessionId, string? error) =>
            $"Session '{sessionId}': the chat turn failed: {error ?? Api.Messages.NoServerMessage()}";

        /// <summary>A turn the server failed because indexes could not be queried and -RequireAllIndexes was given.</summary>
        internal static string IndexesUnavailable(string sessionId, IReadOnlyList<string> skipped, string? error) =>
            $"Session '{sessionId}': the chat turn failed because {Indexes(skipped)} could not be queried ({string.Join(", ", skipped)}) and -RequireAllIndexes was given: {error ?? Api.Messages.NoServerMessage()}";

        /// <summary>The warning for a turn that could not query some of its indexes.</summary>
        internal static string IndexesSkipped(string sessionId, IReadOnlyList<string> skipped) =>
            $"Session '{sessionId}': the turn could not query {Indexes(skipped)}: {string.Join(", ", skipped)}. Its answer did not use them; -RequireAllIndexes makes such a turn fail instead.";

        private static string Indexes(IReadOnlyList<string> indexes) => indexes.Count == 1 ? "1 requested index" : N(indexes.Count) + " requested indexes";

        /// <summary>A session without a user message to generate its title from.</summary>
        internal static string NoTitleMessage(string sessionId) => $"Session '{sessionId}' has no user message to generate a title from. Give one with -FirstMessage.";

        /// <summary>-Verbose: the message a title is generated from.</summary>
        internal static string TitleFrom(string sessionId, string message) =>
            $"Session '{sessionId}': the title is generated from its first user message ({TextSummary.OneLine(message, 60)}).";

        /// <summary>A turn of a live stream whose events' place in the history is not known.</summary>
        internal static string TurnNotInHistory(int number, string? sessionId) =>
            string.Format(CultureInfo.InvariantCulture,
                "Turn {0} of session '{1}' came from a live stream: where its events lie in the history is not known. Read them with Get-LlamaChatEvent -SessionId {1}.",
                number, sessionId);

        // Transcripts.

        /// <summary>The warning for -IncludeImages with a Markdown transcript.</summary>
        internal static string ImagesHtmlOnly() =>
            "-IncludeImages embeds images in HTML transcripts only; a Markdown transcript names each attachment instead. Use -Format Html.";

        /// <summary>An image attachment over the size a transcript embeds.</summary>
        internal static string ImageTooLarge(long maxBytes) => $"The image is larger than {maxBytes / (1024 * 1024)} MiB.";

        /// <summary>Why an image is not embedded: the attachment names no source or file.</summary>
        internal static string AttachmentUnnamed() => "the attachment has no source id or name";

        /// <summary>Why an image is not embedded: the download is not an image of a kind a browser shows.</summary>
        internal static string NotAnImage() => "the download is not a PNG, JPEG, GIF or WebP image";

        /// <summary>An image attachment that could not be embedded, and why.</summary>
        internal static string ImageNotEmbedded(string? sourceId, string? name, string? problem) => $"Attachment {sourceId}/{name}: {problem}.";

        // Traces.

        /// <summary>-Path together with the receiver's parameters.</summary>
        internal static string TracePathOrEndpoint() => "-Path writes a file; -Endpoint, -Header and -Compression send to a receiver. Use one or the other.";

        /// <summary>The warning for a malformed entry of an OTLP headers variable (never its text).</summary>
        internal static string MalformedHeaderEntry(string variable, string entry) =>
            $"{variable}: skipped the malformed {entry} (expected name=value pairs separated by commas; the entry's text is not shown, as it may hold a secret).";

        /// <summary>The warning for a malformed entry of OTEL_RESOURCE_ATTRIBUTES.</summary>
        internal static string MalformedResourceEntry(string variable, string entry) =>
            $"{variable}: skipped the malformed {entry} (expected key=value pairs separated by commas).";

        /// <summary>Headers that would travel in clear text to a receiver elsewhere.</summary>
        internal static string UnencryptedHeaders(string host) =>
            $"Refusing to send headers (which carry secrets) over unencrypted http to '{host}'. Use an https endpoint, or pass -AllowUnencryptedAuthentication if you accept the risk.";

        /// <summary>A session's trace larger than one OTLP request may carry.</summary>
        internal static string TraceTooLarge(string sessionId, long bytes) =>
            $"The trace of session '{sessionId}' is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than an OTLP request may carry (64 MiB); it was not sent. Export it without -IncludeContent, or to a file with -Path.";

        /// <summary>The receiver's 401 or 403: its message, and which headers were sent (names and sources only).</summary>
        internal static string ReceiverRejectedCredentials(string message, string headerSources) =>
            $"{message.TrimEnd('.')}. The receiver rejected the credentials, so nothing more was sent. Headers sent: {headerSources}; "
            + "check the receiver's token in -Header, OTEL_EXPORTER_OTLP_HEADERS or OTEL_EXPORTER_OTLP_TRACES_HEADERS.";

        /// <summary>A partial success: spans the receiver rejected, and what it said.</summary>
        internal static string SpansRejected(string receiver, long rejected, int spans, string? said) =>
            $"The OTLP receiver at {receiver} rejected {rejected} of {spans} spans{(said != null ? ": " + said : ".")}";

        /// <summary>The warning for a success the receiver commented on.</summary>
        internal static string ReceiverSaid(string receiver, string said) => $"The OTLP receiver at {receiver} accepted all spans and said: {said}";

        // Completion tooltips.

        /// <summary>The tooltip of a tool name completed from a session.</summary>
        internal static string ToolInSession(string sessionId) => $"A tool called in session {sessionId}";

        /// <summary>The tooltip of a tool name completed from what this PowerShell session has seen.</summary>
        internal static string ToolSeen() => "A tool seen in this PowerShell session";
    }
}
