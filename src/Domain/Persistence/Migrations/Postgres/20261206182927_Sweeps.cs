using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SweepId",
                table: "Jobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrialIndex",
                table: "Jobs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Sweeps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Tenant = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Dataset = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Architecture = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BaseHyperparameters = table.Column<string>(type: "text", nullable: false),
                    Space = table.Column<string>(type: "text", nullable: false),
                    Trials = table.Column<int>(type: "integer", nullable: false),
                    BudgetGeneratorSteps = table.Column<int>(type: "integer", nullable: true),
                    BudgetMaxTrainingMinutes = table.Column<double>(type: "double precision", nullable: true),
                    Objective = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EarlyStopping = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Eta = table.Column<int>(type: "integer", nullable: true),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sweeps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SweepRungResults",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rung = table.Column<int>(type: "integer", nullable: false),
                    SweepId = table.Column<Guid>(type: "uuid", nullable: false),
                    GeneratorStep = table.Column<int>(type: "integer", nullable: false),
                    Objective = table.Column<double>(type: "double precision", nullable: true),
                    Promoted = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SweepRungResults", x => new { x.JobId, x.Rung });
                    table.ForeignKey(
                        name: "FK_SweepRungResults_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SweepRungResults_Sweeps_SweepId",
                        column: x => x.SweepId,
                        principalTable: "Sweeps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_SweepId",
                table: "Jobs",
                column: "SweepId");

            migrationBuilder.CreateIndex(
                name: "IX_SweepRungResults_SweepId",
                table: "SweepRungResults",
                column: "SweepId");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_CreatedAt",
                table: "Sweeps",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_Status",
                table: "Sweeps",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_Tenant_CreatedAt",
                table: "Sweeps",
                columns: new[] { "Tenant", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SweepRungResults");

            migrationBuilder.DropTable(
                name: "Sweeps");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_SweepId",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "SweepId",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "TrialIndex",
                table: "Jobs");
        }
    }
}
