using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Turns failures into ErrorRecords with stable ids, fitting categories and the server's message.</summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord From(Exception exception, object? target)
        {
            if (exception is LlamaCloudException lc)
            {
                var record = new ErrorRecord(lc, lc.ErrorId, lc.Category, target);
                if (lc is LlamaCloudApiException api)
                {
                    record.ErrorDetails = new ErrorDetails(lc.Message);
                    if (lc.Recommendation != null) record.ErrorDetails.RecommendedAction = lc.Recommendation;
                    else if (api.StatusCode == 404) record.ErrorDetails.RecommendedAction = Messages.NotFoundAdvice();
                    else if (api.StatusCode == 429) record.ErrorDetails.RecommendedAction = Messages.RateLimitedAdvice();
                }
                return record;
            }
            return new ErrorRecord(exception, ErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target);
        }
    }
}
