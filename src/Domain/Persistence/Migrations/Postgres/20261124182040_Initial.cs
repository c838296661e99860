using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Datasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SampleShape = table.Column<int[]>(type: "integer[]", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Dataset = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Architecture = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedDevice = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Device = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SampleShape = table.Column<int[]>(type: "integer[]", nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BackgroundJobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    WassersteinSwdSpearman = table.Column<double>(type: "double precision", nullable: true),
                    Hyperparameters_BatchSize = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_Beta1 = table.Column<double>(type: "double precision", nullable: true),
                    Hyperparameters_Beta2 = table.Column<double>(type: "double precision", nullable: true),
                    Hyperparameters_CheckpointEvery = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_ClipValue = table.Column<double>(type: "double precision", nullable: true),
                    Hyperparameters_CriticNormalization = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Hyperparameters_CriticSteps = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_EvaluateEvery = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_GeneratorSteps = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_GradientPenaltyWeight = table.Column<double>(type: "double precision", nullable: true),
                    Hyperparameters_LatentDim = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_LearningRate = table.Column<double>(type: "double precision", nullable: false),
                    Hyperparameters_LearningRateDecay = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hyperparameters_MetricsEvery = table.Column<int>(type: "integer", nullable: false),
                    Hyperparameters_Optimizer = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hyperparameters_Seed = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DatasetChunks",
                columns: table => new
                {
                    DatasetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetChunks", x => new { x.DatasetId, x.Index });
                    table.ForeignKey(
                        name: "FK_DatasetChunks_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Artifacts",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Artifacts", x => new { x.JobId, x.Kind });
                    table.ForeignKey(
                        name: "FK_Artifacts_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    SlicedWasserstein = table.Column<double>(type: "double precision", nullable: false),
                    SlicedWassersteinFloor = table.Column<double>(type: "double precision", nullable: false),
                    ModesCovered = table.Column<int>(type: "integer", nullable: true),
                    Modes = table.Column<int>(type: "integer", nullable: true),
                    HighQualityRatio = table.Column<double>(type: "double precision", nullable: true),
                    WassersteinEstimate = table.Column<double>(type: "double precision", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => new { x.JobId, x.GeneratorStep });
                    table.ForeignKey(
                        name: "FK_Evaluations_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Metrics",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    CriticLoss = table.Column<double>(type: "double precision", nullable: false),
                    GeneratorLoss = table.Column<double>(type: "double precision", nullable: false),
                    WassersteinEstimate = table.Column<double>(type: "double precision", nullable: false),
                    GradientPenalty = table.Column<double>(type: "double precision", nullable: true),
                    CriticGradientNorm = table.Column<double>(type: "double precision", nullable: false),
                    SamplesPerSecond = table.Column<double>(type: "double precision", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Metrics", x => new { x.JobId, x.GeneratorStep });
                    table.ForeignKey(
                        name: "FK_Metrics_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SampleImages",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    Png = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleImages", x => new { x.JobId, x.GeneratorStep });
                    table.ForeignKey(
                        name: "FK_SampleImages_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_CreatedAt",
                table: "Datasets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_CreatedAt",
                table: "Jobs",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_IdempotencyKey",
                table: "Jobs",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Status_CreatedAt",
                table: "Jobs",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Artifacts");

            migrationBuilder.DropTable(
                name: "DatasetChunks");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "Metrics");

            migrationBuilder.DropTable(
                name: "SampleImages");

            migrationBuilder.DropTable(
                name: "Datasets");

            migrationBuilder.DropTable(
                name: "Jobs");
        }
    }
}
