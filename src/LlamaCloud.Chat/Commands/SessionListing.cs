using System;
using System.Diagnostics;
using System.Management.Automation;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The one paging loop over GET /api/v1/chat, shared by every cmdlet that lists the project (Get-LlamaChatSession,
    /// Sync-LlamaChatArchive), so that they follow one set of rules: a rejected page size falls back to the server's
    /// default (said in -Verbose), an empty page with a next token is followed (a bounded number of times), and a
    /// listing that cannot be completed never passes for the whole project.
    /// </summary>
    internal sealed class SessionListing
    {
        /// <summary>Empty pages in a row that still carry a next token before the listing is given up as broken.</summary>
        internal const int MaxEmptyPagesInARow = 10;

        private const int ProgressId = 0x11a8;
        private readonly LlamaCloudCmdlet _cmd;
        private int? _pageSize;

        internal SessionListing(LlamaCloudCmdlet cmd, int pageSize)
        {
            _cmd = cmd;
            _pageSize = pageSize;
        }

        /// <summary>Sessions listed so far.</summary>
        internal ulong Listed { get; private set; }

        /// <summary>True once the last page (no next token) was read.</summary>
        internal bool Complete { get; private set; }

        /// <summary>
        /// Hands each listed session to <paramref name="onSession"/>, page by page, until the listing ends or
        /// <paramref name="keepGoing"/> says enough. Throws a <see cref="LlamaCloudException"/> ready for a terminating
        /// error: the cause itself when nothing was listed (or the key was rejected), otherwise LlamaCloud.ListIncomplete
        /// saying how many sessions were listed.
        /// </summary>
        internal void Run(Action<ChatSession> onSession, Func<bool> keepGoing)
        {
            string? token = null;
            var pages = 0;
            var emptyInARow = 0;
            var watch = Stopwatch.StartNew();
            ProgressRecord? progress = null;
            try
            {
                while (keepGoing())
                {
                    pages++;
                    var page = Fetch(token);
                    foreach (var s in page.Items)
                    {
                        Listed++;
                        onSession(s);
                    }
                    token = page.NextPageToken;
                    if (token == null) { Complete = true; break; }
                    // A next token means there is more, even after an empty page (a server may filter a page empty);
                    // followed, but not forever: a server that never moves on would loop.
                    emptyInARow = page.Items.Count == 0 ? emptyInARow + 1 : 0;
                    if (emptyInARow >= MaxEmptyPagesInARow)
                        throw Incomplete(Messages.EmptyPages(emptyInARow, pages - emptyInARow + 1, pages), ErrorCategory.InvalidData, null);
                    if (watch.ElapsedMilliseconds > 1000)
                    {
                        progress = new ProgressRecord(ProgressId, Messages.Listing(), Messages.Listed(Listed));
                        _cmd.WriteProgress(progress);
                    }
                }
            }
            catch (LlamaCloudException ex) when (ex.ErrorId != ErrorIds.ListIncomplete)
            {
                // A partial list must never pass for the whole project. Nothing listed (or a rejected key) is the cause itself.
                if (Listed == 0 || LlamaCloudCmdlet.IsUnauthorized(ex)) throw;
                throw Incomplete(Messages.PageFailed(pages, ex.Message), ex.Category, ex);
            }
            finally
            {
                if (progress != null)
                    _cmd.WriteProgress(new ProgressRecord(ProgressId, Messages.Listing(), Messages.Done()) { RecordType = ProgressRecordType.Completed });
            }
        }

        private SessionPage Fetch(string? token)
        {
            try
            {
                return _cmd.Await(_cmd.Api.ListAsync(_pageSize, token, _cmd.StopToken));
            }
            catch (LlamaCloudApiException ex) when (_pageSize != null && PageSizeRejected(ex))
            {
                // The API documents no bounds for page_size: a server that has one gets its own default instead.
                _cmd.WriteVerbose(Messages.PageSizeRejected(_pageSize, ex.StatusCode, ex.Detail ?? ex.Message));
                _pageSize = null;
                return _cmd.Await(_cmd.Api.ListAsync(_pageSize, token, _cmd.StopToken));
            }
        }

        private LlamaCloudException Incomplete(string why, ErrorCategory category, LlamaCloudException? cause) =>
            new LlamaCloudException(Messages.ListIncomplete(Listed, why),
                ErrorIds.ListIncomplete, category, cause) { RequestUri = cause?.RequestUri };

        /// <summary>A 400 or 422 that names page_size: the server has a limit the API does not document.</summary>
        private static bool PageSizeRejected(LlamaCloudApiException ex) =>
            (ex.StatusCode == 400 || ex.StatusCode == 422)
            && (ex.Detail ?? ex.Message).IndexOf("page_size", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
