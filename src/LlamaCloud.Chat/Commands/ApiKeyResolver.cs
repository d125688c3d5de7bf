using System;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Finds the key: parameter, then connection, then LLAMA_CLOUD_API_KEY, then LLAMA_PARSE_API_KEY.</summary>
    internal static class ApiKeyResolver
    {
        internal static ApiKey? Resolve(SecureString? parameter, LlamaCloudConnection? connection)
        {
            return ApiKey.From(parameter)
                ?? ApiKey.From(connection?.ApiKey)
                ?? ApiKey.From(Environment.GetEnvironmentVariable("LLAMA_CLOUD_API_KEY"))
                ?? ApiKey.From(Environment.GetEnvironmentVariable("LLAMA_PARSE_API_KEY"));
        }
    }
}
