using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>Reads saved sessions (exports, or any saved API response: session, summary or list page) from files.</summary>
    internal static class SessionFiles
    {
        internal static IEnumerable<ChatSession> Read(PSCmdlet cmdlet, string[] paths, bool literal)
        {
            foreach (var path in paths)
            {
                foreach (var file in Resolve(cmdlet, path, literal))
                {
                    List<ChatSession>? sessions = null;
                    try
                    {
                        sessions = Parse(File.ReadAllBytes(file));
                    }
                    catch (Exception ex) when (ex is InvalidSessionJsonException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
                    {
                        cmdlet.WriteError(new ErrorRecord(
                            new InvalidDataException(Messages.NotASessionFile(file, ex.Message), ex),
                            ErrorIds.InvalidSessionFile, ex is InvalidSessionJsonException ? ErrorCategory.InvalidData : ErrorCategory.ReadError, file));
                    }
                    if (sessions == null) continue;
                    foreach (var s in sessions) yield return s;
                }
            }
        }

        /// <summary>A session or summary object, or a list page (<c>items</c>), as the API writes them.</summary>
        internal static List<ChatSession> Parse(byte[] bytes)
        {
            var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0; // BOM from Windows editors
            // Events keep their text in an append-only copy of the file's bytes.
            var owned = AppendOnlyBuffer.CopyOf(bytes);
            var span = owned.Slice(offset, bytes.Length - offset);
            var reader = new SessionReader(null, new KeptEvents());
            reader.Read(owned, offset, true);
            var session = reader.Session;
            if (string.IsNullOrEmpty(session.SessionId) && session.ExtraFields != null
                && session.ExtraFields.Contains("items"))
            {
                var page = span.ToArray();
                // The span is owned's array: a 1 MiB buffer goes back to the store once owned is collected.
                GC.KeepAlive(owned);
                return SessionPage.Parse(page).Items;
            }
            if (string.IsNullOrEmpty(session.SessionId))
                throw new InvalidSessionJsonException(Messages.NoSessionId());
            return new List<ChatSession> { session };
        }

        /// <summary>
        /// The summary fields of a session file (Events null), read in small pieces however large the file is, with the
        /// whole file checked to be a session. Null when it is not one, or cannot be read.
        /// </summary>
        internal static ChatSession? ReadSummary(string path)
        {
            try
            {
                var reader = new SessionReader(null, SummaryOnly.Instance);
                SessionFileStream.Read(path, reader, null);
                var session = reader.Session;
                session.Events = null;
                return string.IsNullOrEmpty(session.SessionId) ? null : session;
            }
            catch (Exception ex) when (ex is InvalidSessionJsonException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        internal static IEnumerable<string> Resolve(PSCmdlet cmdlet, string path, bool literal)
        {
            var result = new List<string>();
            try
            {
                if (literal)
                {
                    var p = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(p)) throw new ItemNotFoundException(Messages.PathNotFound(p));
                    result.Add(p);
                }
                else
                {
                    result.AddRange(cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider));
                    if (provider.Name != "FileSystem") throw new PSArgumentException(Messages.NotFileSystemPath(path, provider.Name));
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is PSArgumentException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, path));
            }
            return result;
        }
    }
}
