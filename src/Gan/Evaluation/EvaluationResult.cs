namespace WganService.Gan.Evaluation;

/// <summary>
/// One evaluation of a generator. <see cref="SlicedWassersteinFloor"/> is the distance between two
/// independent real sets of the same size: the best a perfect generator could score, so a reader
/// can tell how far from "indistinguishable" a number is. <see cref="Classifier"/> is there on labelled
/// image sets only; <see cref="WassersteinEstimate"/> when the evaluation was given the critic.
/// </summary>
public sealed record EvaluationResult(
    int GeneratorStep,
    double SlicedWasserstein,
    double SlicedWassersteinFloor,
    ModeCoverage? Coverage,
    byte[] SamplePng,
    Classifier.ClassifierScores? Classifier = null,
    double? WassersteinEstimate = null);
