namespace WorkOS.AspNetCore.Webhooks;

/// <summary>Registered by <c>AddWorkOSWebhooks</c>: the app receives webhooks, so a secret is required (outside Development).</summary>
internal sealed class WebhookEndpointEnabled;
