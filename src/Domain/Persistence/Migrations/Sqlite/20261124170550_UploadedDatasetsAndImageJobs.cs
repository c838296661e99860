using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SampleShape",
                table: "Jobs",
                type: "TEXT",
                nullable: false,
                // Every job before this migration trained a 2-D toy set.
                defaultValue: "[2]");

            migrationBuilder.CreateTable(
                name: "Datasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SampleShape = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DatasetChunks",
                columns: table => new
                {
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
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
