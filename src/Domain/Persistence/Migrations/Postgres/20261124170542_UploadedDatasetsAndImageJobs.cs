using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadedDatasetsAndImageJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hyperparameters_CriticNormalization",
                table: "Jobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "SampleShape",
                table: "Jobs",
                type: "integer[]",
                nullable: false,
                // Every job before this migration trained a 2-D toy set.
                defaultValue: new[] { 2 });

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

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_CreatedAt",
                table: "Datasets",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetChunks");

            migrationBuilder.DropTable(
                name: "Datasets");

            migrationBuilder.DropColumn(
                name: "Hyperparameters_CriticNormalization",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "SampleShape",
                table: "Jobs");
        }
    }
}
