namespace WganService.Domain.Training;

/// <summary>The parts of a training run whose cost an operator weighs against the steps themselves.</summary>
internal enum TrainingPhase { Setup, Steps, Evaluations, Checkpoints, Flushes }
