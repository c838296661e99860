namespace WganService.Api.Events;

/// <summary>The server-sent event's name, lower-cased ("metrics", "evaluation", "status").</summary>
public enum JobEventKind { Metrics, Evaluation, Status }
