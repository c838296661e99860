using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "WassersteinSwdSpearman",
                table: "Jobs",
                type: "double precision",
                nullable: true);

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
                    WassersteinEstimate = table.Column<double>(type: "double precision", nullable: false),
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "SampleImages");

            migrationBuilder.DropColumn(
                name: "WassersteinSwdSpearman",
                table: "Jobs");
        }
    }
}
